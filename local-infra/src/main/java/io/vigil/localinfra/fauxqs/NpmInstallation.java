package io.vigil.localinfra.fauxqs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.ProjectRoot;

/**
 * The project-local npm folder {@code <home>/npm} holding fauxqs and a Node.js 22 binary, installed on first use.
 *
 * <p>{@code <home>} is the system property {@value #HOME_PROPERTY} if set, else {@code .local-infra} in the project
 * root: the nearest directory at or above the working directory that holds {@code mvnw}. Installs are serialized
 * across JVMs by a file lock and within the JVM by a JVM-wide monitor.
 */
final class NpmInstallation {

    static final String HOME_PROPERTY = "vigil.localinfra.home";
    static final String FAUXQS_VERSION = "2.4.1";
    static final String NODE_PACKAGE_RANGE = "22";

    private static final Logger LOGGER = Logger.getLogger(NpmInstallation.class);
    private static final int NEEDED_NODE_MAJOR = 22;
    private static final int NEEDED_NODE_MINOR = 5;
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final String LAUNCHER = """
            // Written by io.vigil.localinfra.fauxqs.NpmInstallation. Runs fauxqs on 127.0.0.1 only, on a port the OS
            // picks, and exits when the JVM that started it goes away (its end of our stdin closes), even if killed.
            import { buildApp } from "fauxqs";

            const app = buildApp({ logger: true, defaultRegion: "us-east-1" });
            const address = await app.listen({ port: 0, host: "127.0.0.1" });
            console.log(`VIGIL_FAUXQS_LISTENING ${address}`);
            const exit = () => app.close().finally(() => process.exit(0));
            process.stdin.on("end", exit);
            process.stdin.on("error", exit);
            process.on("SIGTERM", exit);
            process.stdin.resume();
            """;

    private final Path home;
    private final Path node;
    private final Path launcher;

    private NpmInstallation(Path home, Path node, Path launcher) {
        this.home = home;
        this.node = node;
        this.launcher = launcher;
    }

    /**
     * Finds or installs fauxqs and a suitable Node.js.
     *
     * @return the installation
     * @throws LocalInfraException naming what is missing and what to install
     */
    static NpmInstallation ensureInstalled() {
        Path home = resolveHome();
        Path npmDir = home.resolve("npm");
        synchronized ((HOME_PROPERTY + ".install.lock").intern()) {
            try {
                Files.createDirectories(npmDir);
                Files.createDirectories(home.resolve("logs"));
                try (FileChannel channel = FileChannel.open(npmDir.resolve(".install.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    if (!fauxqsInstalled(npmDir) || usableNode(npmDir.resolve("node_modules/node/bin/node")) == null) {
                        install(home, npmDir);
                    }
                    Path launcher = npmDir.resolve("vigil-fauxqs-launcher.mjs");
                    if (!Files.exists(launcher) || !Files.readString(launcher).equals(LAUNCHER)) {
                        Files.writeString(launcher, LAUNCHER, StandardCharsets.UTF_8);
                    }
                    return new NpmInstallation(home, node(npmDir), launcher);
                }
            } catch (IOException e) {
                throw new LocalInfraException("fauxqs: could not prepare " + npmDir + ": " + e, e);
            }
        }
    }

    Path home() {
        return home;
    }

    Path node() {
        return node;
    }

    Path launcher() {
        return launcher;
    }

    private static Path resolveHome() {
        String override = System.getProperty(HOME_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        try {
            return ProjectRoot.find().resolve(".local-infra");
        } catch (LocalInfraException e) {
            throw new LocalInfraException("fauxqs: " + e.getMessage() + "; set -D" + HOME_PROPERTY
                    + "=<directory for the npm install and logs>", e);
        }
    }

    private static boolean fauxqsInstalled(Path npmDir) throws IOException {
        Path packageJson = npmDir.resolve("node_modules/fauxqs/package.json");
        return Files.isRegularFile(packageJson)
                && Files.readString(packageJson).contains("\"version\": \"" + FAUXQS_VERSION + "\"");
    }

    private static void install(Path home, Path npmDir) throws IOException {
        Files.writeString(npmDir.resolve("package.json"), """
                {
                  "name": "vigil-local-infra",
                  "private": true,
                  "description": "Installed by io.vigil.localinfra.fauxqs; safe to delete",
                  "dependencies": {
                    "fauxqs": "%s",
                    "node": "%s"
                  }
                }
                """.formatted(FAUXQS_VERSION, NODE_PACKAGE_RANGE), StandardCharsets.UTF_8);
        Path log = home.resolve("logs/npm-install.log");
        LOGGER.infof("Installing npm packages fauxqs@%s and node@%s into %s (log: %s)", FAUXQS_VERSION,
                NODE_PACKAGE_RANGE, npmDir, log);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=warn")
                    .directory(npmDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new LocalInfraException("fauxqs: npm is not on the PATH (" + e.getMessage()
                    + "); install Node.js 20 or newer with npm (e.g. apt-get install nodejs npm) and retry", e);
        }
        try {
            npm.getOutputStream().close();
            if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly();
                throw new LocalInfraException("fauxqs: npm install in " + npmDir + " took more than "
                        + INSTALL_TIMEOUT_MINUTES + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            npm.destroyForcibly();
            throw new LocalInfraException("fauxqs: interrupted during npm install in " + npmDir, e);
        }
        if (npm.exitValue() != 0 || !fauxqsInstalled(npmDir)) {
            throw new LocalInfraException("fauxqs: npm install in " + npmDir + " failed with exit code "
                    + npm.exitValue() + ": " + tail(log) + " (full log: " + log + ")");
        }
    }

    private static Path node(Path npmDir) {
        Path packaged = npmDir.resolve("node_modules/node/bin/node");
        if (usableNode(packaged) != null) {
            return packaged;
        }
        Path onPath = Path.of("node");
        String version = usableNode(onPath);
        if (version != null) {
            LOGGER.infof("npm package node@%s has no usable binary at %s; using node %s from the PATH",
                    NODE_PACKAGE_RANGE, packaged, version);
            return onPath;
        }
        throw new LocalInfraException("fauxqs " + FAUXQS_VERSION + " needs Node.js >= " + NEEDED_NODE_MAJOR + "."
                + NEEDED_NODE_MINOR + ": the npm package node@" + NODE_PACKAGE_RANGE + " left no usable binary at "
                + packaged + " (npm may have skipped its install script) and 'node' on the PATH is missing or older;"
                + " install Node.js 22.5 or newer, or delete " + npmDir + " to reinstall");
    }

    /** Returns the version if the binary runs and is new enough, else {@code null}. */
    private static String usableNode(Path binary) {
        if (binary.getNameCount() > 1 && !Files.isExecutable(binary)) {
            return null;
        }
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            Matcher version = NODE_VERSION.matcher(output);
            if (!version.find()) {
                return null;
            }
            int major = Integer.parseInt(version.group(1));
            int minor = Integer.parseInt(version.group(2));
            boolean recent = major > NEEDED_NODE_MAJOR || major == NEEDED_NODE_MAJOR && minor >= NEEDED_NODE_MINOR;
            return recent ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
