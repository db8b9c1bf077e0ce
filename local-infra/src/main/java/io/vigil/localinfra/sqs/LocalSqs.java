package io.vigil.localinfra.sqs;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.jboss.logging.Logger;

import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.LocalServers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server (ElasticMQ, embedded) on 127.0.0.1 with an ephemeral port.
 *
 * <p>Region {@value #REGION}, any credentials are accepted ({@link #accessKeyId()}, {@link #secretAccessKey()} give
 * a fixed pair). Queue URLs are built from the endpoint: {@code http://127.0.0.1:<port>/000000000000/<queue>}.
 * ElasticMQ's strict SQS limits apply, with the message size limit of current SQS (1 MiB), so a 300 KiB message is
 * accepted. Start-up takes about 2 s (the first one in a JVM, which starts the Pekko actor system).
 *
 * <p>Shared instance: {@link #shared()}; its endpoint is published JVM-wide as the system property
 * {@code vigil.localinfra.sqs.endpoint}. Every method works on a view from another class loader too, since all of
 * them go over HTTP. Thread safety: all methods may be called from any thread.
 */
public final class LocalSqs implements AutoCloseable {

    /** The region clients must use. */
    public static final String REGION = "us-east-1";

    private static final Logger LOGGER = Logger.getLogger(LocalSqs.class);
    private static final String NAME = "sqs";
    private static final String HOST = "127.0.0.1";
    private static final String ACCESS_KEY_ID = "vigil-local";
    private static final String SECRET_ACCESS_KEY = "vigil-local-secret";

    private final String endpoint;
    private final SQSRestServer server;
    private final Thread stopOnExit;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LocalSqs(String endpoint, SQSRestServer server, boolean owned) {
        this.endpoint = endpoint;
        this.server = server;
        this.stopOnExit = owned ? LocalServers.stopOnExit(NAME, this::stop) : null;
    }

    /**
     * Starts a new server owned by the caller; {@link #close()} stops it (a JVM shutdown hook does if the caller
     * does not).
     *
     * @return the running server
     * @throws LocalInfraException if ElasticMQ does not start
     */
    public static LocalSqs start() {
        return boot(true, 0);
    }

    /**
     * Starts a new server owned by the caller on a given port, e.g. to bring a stopped server back where its
     * clients expect it (queues do not survive: create them again).
     *
     * @param port the port to listen on (127.0.0.1)
     * @return the running server
     * @throws LocalInfraException if ElasticMQ does not start
     */
    public static LocalSqs start(int port) {
        return boot(true, port);
    }

    /**
     * Returns the one server of this JVM, starting it on first use; it stops at JVM exit and {@link #close()} on it
     * does nothing. Safe to call from several threads and class loaders.
     *
     * @return the shared server, or a view of it when another class loader started it
     * @throws LocalInfraException if ElasticMQ does not start
     */
    public static LocalSqs shared() {
        return LocalServers.shared(NAME, LocalSqs.class, () -> boot(false, 0),
                sqs -> Map.of("endpoint", sqs.endpoint, "region", REGION), LocalSqs::stop,
                published -> new LocalSqs(published.get("endpoint"), null, false));
    }

    /**
     * @return the endpoint URL, e.g. {@code http://127.0.0.1:41234}
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
     * @return the access key id clients should use
     */
    public String accessKeyId() {
        return ACCESS_KEY_ID;
    }

    /**
     * @return the secret access key clients should use
     */
    public String secretAccessKey() {
        return SECRET_ACCESS_KEY;
    }

    /**
     * Returns a new SQS client pointed at this server; the caller closes it.
     *
     * @return a synchronous client using the URL-connection HTTP client
     */
    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID,
                        SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * Creates a standard queue (idempotent for the same name).
     *
     * @param name queue name
     * @return the queue URL
     */
    public String createQueue(String name) {
        try (SqsClient sqs = client()) {
            return sqs.createQueue(request -> request.queueName(name)).queueUrl();
        }
    }

    /**
     * Stops a server from {@link #start()}; does nothing on the shared server.
     */
    @Override
    public void close() {
        if (stopOnExit != null) {
            stop();
            LocalServers.cancelStopOnExit(stopOnExit);
        }
    }

    private void stop() {
        if (server == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stopAndWait();
            LOGGER.infof("ElasticMQ at %s stopped", endpoint);
        } catch (RuntimeException e) {
            LOGGER.warnf(e, "ElasticMQ at %s did not stop cleanly", endpoint);
        }
    }

    private static LocalSqs boot(boolean owned, int port) {
        long begin = System.nanoTime();
        try {
            SQSRestServer server = (port == 0
                    ? SQSRestServerBuilder.withDynamicPort()
                    : SQSRestServerBuilder.withPort(port))
                    .withInterface(HOST)
                    .withAWSRegion(REGION)
                    .start();
            Http.ServerBinding binding = server.waitUntilStarted();
            String endpoint = "http://" + HOST + ":" + binding.localAddress().getPort();
            LOGGER.infof("ElasticMQ started at %s in %d ms", endpoint, (System.nanoTime() - begin) / 1_000_000);
            return new LocalSqs(endpoint, server, owned);
        } catch (RuntimeException | LinkageError e) {
            throw new LocalInfraException("SQS (ElasticMQ) did not start: " + e, e);
        }
    }
}
