package io.vigil.rules.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The rule files of a directory: both rule packs and Sigma directories are trees of {@code .yml}/{@code .yaml}. */
public final class YamlFiles {

    private YamlFiles() {
    }

    /**
     * @param directory a directory to walk, subdirectories included
     * @return its YAML files, sorted by path so that loading order (and the first of two duplicates) is stable
     * @throws RuleLoadException naming the directory when it cannot be listed
     */
    public static List<Path> under(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RuleLoadException(directory + ": cannot list: " + e.getMessage(), e);
        }
    }
}
