package io.vigil.localinfra.run;

import io.vigil.localinfra.LocalInfraException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One Vigil service running as its own JVM from its runner jar, as in production, with its configuration passed as
 * system properties and its output written to a log file. {@link #close()} stops it gracefully (SIGTERM, so
 * Quarkus shuts down cleanly), then forcibly with its descendants if it does not exit in time.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ServiceProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code java -D... -jar runnerJar}.
     *
     * @param name the service name, for logs and errors
     * @param runnerJar the Quarkus runner jar ({@code target/quarkus-app/quarkus-run.jar})
     * @param httpPort the HTTP port to serve on
     * @param properties the configuration, as system properties
     * @param logDir where to write {@code <name>.log}
     */
    public static ServiceProcess start(String name, Path runnerJar, int httpPort, Map<String, String> properties,
            Path logDir) {
        // small heaps and a quick JIT: four JVMs share a small machine here
        return start(name, runnerJar, httpPort, properties, logDir,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * Starts {@code java <jvmOptions> -D... -jar runnerJar}, e.g. with the JVM's default JIT for a benchmark.
     *
     * @param jvmOptions options placed before the system properties, instead of the small-machine defaults
     */
    public static ServiceProcess start(String name, Path runnerJar, int httpPort, Map<String, String> properties,
            Path logDir, List<String> jvmOptions) {
        if (!Files.isRegularFile(runnerJar)) {
            throw new LocalInfraException(name + ": runner jar " + runnerJar + " is missing; build it first with"
                    + " ./mvnw install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        Map<String, String> sorted = new TreeMap<>(properties);
        sorted.put("quarkus.http.port", Integer.toString(httpPort));
        sorted.put("quarkus.http.host", "127.0.0.1");
        sorted.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", runnerJar.toString()));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LOGGER.infof("Started %s (pid %d) on port %d, log %s", name, process.pid(), httpPort, log);
            return new ServiceProcess(name, httpPort, log, process);
        } catch (IOException e) {
            throw new LocalInfraException(name + ": cannot start " + runnerJar + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws LocalInfraException when the process exits or the timeout passes first, with the end of its log
     */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalInfraException(name + " exited with code " + process.exitValue() + " before it was"
                        + " ready; end of " + log + ":\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalInfraException(name + ": interrupted while waiting for readiness", e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalInfraException(name + ": interrupted while waiting for readiness", e);
            }
        }
        throw new LocalInfraException(name + " was not ready within " + timeout + " (last answer: " + last
                + "); end of " + log + ":\n" + tail());
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** @return the service's log file */
    public Path log() {
        return log;
    }

    /** @return the service name */
    public String name() {
        return name;
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warnf("%s did not stop within %s; killing it", name, STOP_TIMEOUT);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The last lines of the log, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
