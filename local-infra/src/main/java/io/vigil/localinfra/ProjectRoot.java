package io.vigil.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's root directory: the nearest directory at or above the working directory holding mvnw. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    /**
     * @return the project root
     * @throws LocalInfraException when no directory at or above the working directory holds {@code mvnw}
     */
    public static Path find() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new LocalInfraException("No project root (a directory holding mvnw) at or above " + start);
    }
}
