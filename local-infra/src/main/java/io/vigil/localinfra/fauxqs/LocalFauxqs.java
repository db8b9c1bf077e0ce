package io.vigil.localinfra.fauxqs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.LocalServers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fauxqs SNS/SQS/S3 emulator (npm package {@code fauxqs} 2.4.1) as a child process on 127.0.0.1 with a port the
 * OS picks. One endpoint serves SNS, SQS and S3 (path-style).
 *
 * <p>Installation: on first use npm installs {@code fauxqs} and {@code node@22} (fauxqs 2.4.1 needs Node.js 22.5+)
 * into {@code <project root>/.local-infra/npm} (the project root is the nearest directory at or above the working
 * directory holding {@code mvnw}; override the whole {@code .local-infra} folder with
 * {@code -Dvigil.localinfra.home=<dir>}). This needs {@code npm} on the PATH and the npm registry once. The process
 * output goes to {@code .local-infra/logs/fauxqs-<timestamp>-<pid>.log}. Start-up takes about 1 s once installed.
 *
 * <p>Lifecycle: the process and its descendants are destroyed by {@link #close()} (owned instances) or by a JVM
 * shutdown hook (shared instance). If the JVM is killed, the process exits by itself when its standard input (a pipe
 * from this JVM) closes.
 *
 * <p>Shared instance: {@link #shared()}; its endpoint is published JVM-wide as the system property
 * {@code vigil.localinfra.fauxqs.endpoint}. Every method works on a view from another class loader too, since all of
 * them go over HTTP. Thread safety: all methods may be called from any thread.
 */
public final class LocalFauxqs implements AutoCloseable {

    /** The region clients must use. */
    public static final String REGION = "us-east-1";

    private static final Logger LOGGER = Logger.getLogger(LocalFauxqs.class);
    private static final String NAME = "fauxqs";
    private static final String ACCESS_KEY_ID = "vigil-local";
    private static final String SECRET_ACCESS_KEY = "vigil-local-secret";
    private static final Pattern LISTENING = Pattern.compile("VIGIL_FAUXQS_LISTENING (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final DateTimeFormatter LOG_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final String endpoint;
    private final Process process;
    private final Thread stopOnExit;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LocalFauxqs(String endpoint, Process process, boolean owned) {
        this.endpoint = endpoint;
        this.process = process;
        this.stopOnExit = owned ? LocalServers.stopOnExit(NAME, this::stop) : null;
    }

    /**
     * Starts a new fauxqs process owned by the caller; {@link #close()} stops it (a JVM shutdown hook does if the
     * caller does not).
     *
     * @return the running emulator
     * @throws LocalInfraException if npm or a suitable Node.js is missing, or fauxqs does not start
     */
    public static LocalFauxqs start() {
        return boot(true);
    }

    /**
     * Returns the one fauxqs process of this JVM, starting it on first use; it stops at JVM exit and {@link #close()}
     * on it does nothing. Safe to call from several threads and class loaders.
     *
     * @return the shared emulator, or a view of it when another class loader started it
     * @throws LocalInfraException if npm or a suitable Node.js is missing, or fauxqs does not start
     */
    public static LocalFauxqs shared() {
        return LocalServers.shared(NAME, LocalFauxqs.class, () -> boot(false),
                fauxqs -> Map.of("endpoint", fauxqs.endpoint, "region", REGION), LocalFauxqs::stop,
                published -> new LocalFauxqs(published.get("endpoint"), null, false));
    }

    /**
     * @return the endpoint URL for SNS, SQS and S3, e.g. {@code http://127.0.0.1:41234}
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * @return {@value #REGION}
     */
    public String region() {
        return REGION;
    }

    /**
     * @return the access key id clients should use (fauxqs accepts any)
     */
    public String accessKeyId() {
        return ACCESS_KEY_ID;
    }

    /**
     * @return the secret access key clients should use (fauxqs accepts any)
     */
    public String secretAccessKey() {
        return SECRET_ACCESS_KEY;
    }

    /**
     * @return a new SNS client pointed at fauxqs; the caller closes it
     */
    public SnsClient snsClient() {
        return SnsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * @return a new SQS client pointed at fauxqs; the caller closes it
     */
    public SqsClient sqsClient() {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * @return a new S3 client pointed at fauxqs with path-style access; the caller closes it
     */
    public S3Client s3Client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * Creates an SNS topic (idempotent for the same name).
     *
     * @param name topic name
     * @return the topic ARN, e.g. {@code arn:aws:sns:us-east-1:000000000000:<name>}
     */
    public String createTopic(String name) {
        try (SnsClient sns = snsClient()) {
            return sns.createTopic(request -> request.name(name)).topicArn();
        }
    }

    /**
     * Creates an SQS queue in fauxqs (idempotent for the same name).
     *
     * @param name queue name
     * @return the queue URL
     */
    public String createQueue(String name) {
        try (SqsClient sqs = sqsClient()) {
            return sqs.createQueue(request -> request.queueName(name)).queueUrl();
        }
    }

    /**
     * Subscribes a fauxqs queue to a topic with raw message delivery off, so each message arrives wrapped in the
     * SNS notification envelope (JSON with {@code Type}, {@code MessageId}, {@code TopicArn}, {@code Message}, ...).
     *
     * @param topicArn the topic
     * @param queueUrl the queue, as returned by {@link #createQueue(String)}
     * @return the subscription ARN
     */
    public String subscribeQueue(String topicArn, String queueUrl) {
        try (SqsClient sqs = sqsClient(); SnsClient sns = snsClient()) {
            String queueArn = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            return sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "false"))).subscriptionArn();
        }
    }

    /**
     * Creates an S3 bucket.
     *
     * @param name bucket name
     * @return the bucket name
     */
    public String createBucket(String name) {
        try (S3Client s3 = s3Client()) {
            s3.createBucket(request -> request.bucket(name));
            return name;
        }
    }

    /**
     * Stops a process from {@link #start()} and its descendants; does nothing on the shared instance.
     */
    @Override
    public void close() {
        if (stopOnExit != null) {
            stop();
            LocalServers.cancelStopOnExit(stopOnExit);
        }
    }

    /** The fauxqs process, for tests that check it is gone; empty on a view from another class loader. */
    Optional<ProcessHandle> processHandle() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    private void stop() {
        if (process == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOGGER.warnf("fauxqs (pid %d) did not stop within %s; killing it", process.pid(), STOP_TIMEOUT);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LOGGER.infof("fauxqs at %s (pid %d) stopped", endpoint, process.pid());
    }

    private static LocalFauxqs boot(boolean owned) {
        long begin = System.nanoTime();
        NpmInstallation installation = NpmInstallation.ensureInstalled();
        Path log = installation.home().resolve("logs").resolve("fauxqs-" + LocalDateTime.now().format(LOG_TIMESTAMP)
                + "-" + ProcessHandle.current().pid() + ".log");
        Process process;
        try {
            process = new ProcessBuilder(installation.node().toString(), installation.launcher().toString())
                    .directory(installation.launcher().getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new LocalInfraException("fauxqs: could not run " + installation.node() + ": " + e, e);
        }
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyOutput(process, log, listening), "vigil-localinfra-fauxqs-log");
        copier.setDaemon(true);
        copier.start();
        process.onExit().thenRun(() -> listening.completeExceptionally(new LocalInfraException(
                "fauxqs exited with code " + process.exitValue() + " before listening; see " + log)));
        try {
            String endpoint = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitHealthy(endpoint);
            LOGGER.infof("fauxqs started at %s (pid %d, log %s) in %d ms", endpoint, process.pid(), log,
                    (System.nanoTime() - begin) / 1_000_000);
            return new LocalFauxqs(endpoint, process, owned);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy(process);
            throw new LocalInfraException("fauxqs: interrupted while starting", e);
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
            destroy(process);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new LocalInfraException(
                    "fauxqs did not start within " + START_TIMEOUT + ": " + cause + "; see " + log,
                    cause);
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<String> listening) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = output.readLine()) != null) {
                file.write(line);
                file.write(System.lineSeparator());
                file.flush();
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(matcher.group(1));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
            LOGGER.debugf("fauxqs output copy to %s ended: %s", log, e);
        }
    }

    private static void awaitHealthy(String endpoint) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                throw new IOException("GET " + endpoint + "/health answered " + health.statusCode() + ": "
                        + health.body());
            }
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
