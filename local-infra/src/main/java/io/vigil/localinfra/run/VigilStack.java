package io.vigil.localinfra.run;

import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.postgres.LocalPostgres;
import io.vigil.localinfra.smtp.LocalSmtp;
import io.vigil.localinfra.sqs.LocalSqs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The whole of Vigil on this machine: Kafka, PostgreSQL, SQS (ElasticMQ), SNS (fauxqs) and SMTP (GreenMail)
 * servers, the topics, queues, SNS topic and database, and the four services started from their runner jars as
 * separate processes, configured the way an operator configures them in production (system properties).
 *
 * <p>Used by the local run ({@link VigilLocal}) and by the end-to-end tests. {@link #close()} stops the services,
 * then (when this stack started them) the servers.
 */
public final class VigilStack implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(VigilStack.class);

    /** The queue the ingest-service reads. */
    public static final String INGEST_QUEUE = "vigil-ingest";
    /** The SNS topic notifications are published to. */
    public static final String ALERTS_SNS_TOPIC = "vigil-alerts";
    /** The queue subscribed to the SNS topic, where SNS notifications can be read. */
    public static final String ALERTS_INBOX_QUEUE = "vigil-alerts-inbox";
    /** Where e-mail notifications are sent. */
    public static final String SECURITY_EMAIL = "security@vigil.local";
    /** The audit-service's database. */
    public static final String AUDIT_DATABASE = "vigil_audit";
    /** The notify-service's database (grouping, outbox, delivery ledger, silences). */
    public static final String NOTIFY_DATABASE = "vigil_notify";

    private final Settings settings;
    private final List<AutoCloseable> ownedServers = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    // set once by boot(); the stack is handed out only after boot() returned
    private LocalKafka kafka;
    private LocalSqs sqs;
    private LocalFauxqs fauxqs;
    private LocalSmtp smtp;
    private AuditTokens tokens;
    private String ingestQueueUrl;
    private String snsTopicArn;
    private String alertsInboxQueueUrl;

    /**
     * How to run the stack.
     *
     * @param projectRoot the directory holding the service modules and their built jars
     * @param workDir where to write logs, the signing key and {@code stack.properties}
     * @param ownServers true to start servers owned by this stack (stopped by {@link #close()}), false to use the
     *        JVM's shared servers (for tests)
     * @param readyTimeout how long each service may take to become ready
     * @param overrides extra or changed properties per service name ({@code ingest}, {@code rules}, {@code notify},
     *        {@code audit})
     */
    public record Settings(Path projectRoot, Path workDir, boolean ownServers, Duration readyTimeout,
            Map<String, Map<String, String>> overrides) {
    }

    private VigilStack(Settings settings) {
        this.settings = settings;
    }

    private void boot() {
        this.kafka = settings.ownServers() ? own(LocalKafka.start()) : LocalKafka.shared();
        LocalPostgres postgres = settings.ownServers() ? own(LocalPostgres.start()) : LocalPostgres.shared();
        this.sqs = settings.ownServers() ? own(LocalSqs.start()) : LocalSqs.shared();
        this.fauxqs = settings.ownServers() ? own(LocalFauxqs.start()) : LocalFauxqs.shared();
        this.smtp = settings.ownServers() ? own(LocalSmtp.start()) : LocalSmtp.shared();

        new TopicProvisioner(new TopicSettings(3, (short) 1, 1, Duration.ofDays(7), 30))
                .ensure(Map.of("bootstrap.servers", kafka.bootstrapServers()), Topics.ALL);
        this.ingestQueueUrl = sqs.createQueue(INGEST_QUEUE);
        this.snsTopicArn = fauxqs.createTopic(ALERTS_SNS_TOPIC);
        this.alertsInboxQueueUrl = fauxqs.createQueue(ALERTS_INBOX_QUEUE);
        fauxqs.subscribeQueue(snsTopicArn, alertsInboxQueueUrl);
        postgres.ensureDatabase(AUDIT_DATABASE);
        postgres.ensureDatabase(NOTIFY_DATABASE);
        this.tokens = AuditTokens.create(settings.workDir());

        Path logs = settings.workDir().resolve("logs");
        start("audit", "audit-service", auditProperties(postgres), logs);
        start("rules", "rules-service", rulesProperties(), logs);
        start("notify", "notify-service", notifyProperties(postgres), logs);
        start("ingest", "ingest-service", ingestProperties(), logs);
        services.values().forEach(service -> service.awaitReady(settings.readyTimeout()));
        writeCoordinates();
    }

    /**
     * Starts everything and returns when every service is ready.
     *
     * @throws LocalInfraException when a server or service does not start; whatever started is stopped again
     */
    public static VigilStack start(Settings settings) {
        VigilStack stack = new VigilStack(settings);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T server) {
        ownedServers.add(0, server);
        return server;
    }

    private void start(String name, String module, Map<String, String> properties, Path logs) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(settings.overrides().getOrDefault(name, Map.of()));
        Path jar = settings.projectRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        services.put(name, ServiceProcess.start(name, jar, freePort(), merged, logs));
    }

    private Map<String, String> common(String service) {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("vigil." + service + ".topics.replication-factor", "1");
        properties.put("vigil." + service + ".topics.min-insync-replicas", "1");
        return properties;
    }

    private Map<String, String> ingestProperties() {
        Map<String, String> properties = common("ingest");
        properties.put("quarkus.sqs.endpoint-override", sqs.endpoint());
        properties.put("quarkus.sqs.aws.region", sqs.region());
        properties.put("quarkus.sqs.aws.credentials.type", "static");
        properties.put("quarkus.sqs.aws.credentials.static-provider.access-key-id", sqs.accessKeyId());
        properties.put("quarkus.sqs.aws.credentials.static-provider.secret-access-key", sqs.secretAccessKey());
        properties.put("vigil.ingest.sqs.queues.main.url", ingestQueueUrl);
        // short polls let Ctrl-C stop the service within seconds
        properties.put("vigil.ingest.sqs.wait-time", "5s");
        // CloudTrail log files named by S3 notifications are read from fauxqs's S3
        properties.put("vigil.ingest.s3.endpoint-override", fauxqs.endpoint());
        properties.put("vigil.ingest.s3.region", fauxqs.region());
        properties.put("vigil.ingest.s3.path-style", "true");
        properties.put("vigil.ingest.s3.access-key-id", fauxqs.accessKeyId());
        properties.put("vigil.ingest.s3.secret-access-key", fauxqs.secretAccessKey());
        // the de-duplication store's local copy lives with the run (it is restored from Kafka when missing)
        properties.put("vigil.ingest.dedup.state-dir", settings.workDir().resolve("ingest-dedup").toString());
        return properties;
    }

    private Map<String, String> rulesProperties() {
        return common("rules");
    }

    private Map<String, String> notifyProperties(LocalPostgres postgres) {
        Map<String, String> properties = common("notify");
        properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(NOTIFY_DATABASE));
        properties.put("quarkus.datasource.username", postgres.username());
        properties.put("quarkus.datasource.password", postgres.password());
        // the notify API accepts the local run's tokens (roles notify-viewer, notify-operator)
        properties.put("mp.jwt.verify.publickey.location", tokens.publicKeyPem().toString());
        properties.put("mp.jwt.verify.issuer", AuditTokens.ISSUER);
        properties.put("quarkus.mailer.host", smtp.host());
        properties.put("quarkus.mailer.port", Integer.toString(smtp.port()));
        properties.put("quarkus.mailer.from", "vigil@vigil.local");
        properties.put("quarkus.mailer.mock", "false");
        properties.put("quarkus.mailer.start-tls", "DISABLED");
        properties.put("quarkus.sns.endpoint-override", fauxqs.endpoint());
        properties.put("quarkus.sns.aws.region", fauxqs.region());
        properties.put("quarkus.sns.aws.credentials.type", "static");
        properties.put("quarkus.sns.aws.credentials.static-provider.access-key-id", fauxqs.accessKeyId());
        properties.put("quarkus.sns.aws.credentials.static-provider.secret-access-key", fauxqs.secretAccessKey());
        properties.put("vigil.notify.receivers.security-email.kind", "email");
        properties.put("vigil.notify.receivers.security-email.email.to", SECURITY_EMAIL);
        properties.put("vigil.notify.receivers.security-sns.kind", "sns");
        properties.put("vigil.notify.receivers.security-sns.sns.topic-arn", snsTopicArn);
        properties.put("vigil.notify.route.receivers", "security-email,security-sns");
        return properties;
    }

    private Map<String, String> auditProperties(LocalPostgres postgres) {
        Map<String, String> properties = common("audit");
        properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(AUDIT_DATABASE));
        properties.put("quarkus.datasource.username", postgres.username());
        properties.put("quarkus.datasource.password", postgres.password());
        properties.put("mp.jwt.verify.publickey.location", tokens.publicKeyPem().toString());
        properties.put("mp.jwt.verify.issuer", AuditTokens.ISSUER);
        AuditDigestKeys digestKeys = AuditDigestKeys.create(settings.workDir());
        properties.put("vigil.audit.digest.private-key-location", digestKeys.privateKeyPem().toString());
        properties.put("vigil.audit.digest.public-key-location", digestKeys.publicKeyPem().toString());
        return properties;
    }

    private void writeCoordinates() {
        Properties coordinates = new Properties();
        coordinates.putAll(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "sqs.endpoint", sqs.endpoint(),
                "sqs.region", sqs.region(),
                "sqs.access-key-id", sqs.accessKeyId(),
                "sqs.secret-access-key", sqs.secretAccessKey(),
                "ingest.queue.url", ingestQueueUrl,
                "audit.url", service("audit").baseUrl(),
                "sns.topic.arn", snsTopicArn));
        try (OutputStream out = Files.newOutputStream(settings.workDir().resolve("stack.properties"))) {
            coordinates.store(out, "Coordinates of the running local Vigil stack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the running service called {@code ingest}, {@code rules}, {@code notify} or {@code audit} */
    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service named " + name + "; there are " + services.keySet());
        }
        return service;
    }

    /** @return the Kafka broker */
    public LocalKafka kafka() {
        return kafka;
    }

    /** @return the SQS server the ingest-service reads */
    public LocalSqs sqs() {
        return sqs;
    }

    /** @return the SNS emulator notifications go to */
    public LocalFauxqs fauxqs() {
        return fauxqs;
    }

    /** @return the SMTP server e-mail notifications go to */
    public LocalSmtp smtp() {
        return smtp;
    }

    /** @return the URL of the queue the ingest-service reads */
    public String ingestQueueUrl() {
        return ingestQueueUrl;
    }

    /** @return the ARN of the SNS topic notifications are published to */
    public String snsTopicArn() {
        return snsTopicArn;
    }

    /** @return the URL of the (fauxqs) queue subscribed to the SNS topic */
    public String alertsInboxQueueUrl() {
        return alertsInboxQueueUrl;
    }

    /** @return the signer of audit API tokens this stack's audit-service trusts */
    public AuditTokens tokens() {
        return tokens;
    }

    /** Stops the services (input first), then the servers this stack started. */
    @Override
    public void close() {
        List<ServiceProcess> stopOrder = new ArrayList<>(services.values());
        Collections.reverse(stopOrder);
        stopOrder.forEach(ServiceProcess::close);
        for (AutoCloseable server : ownedServers) {
            try {
                server.close();
            } catch (Exception e) {
                LOGGER.errorf(e, "Stopping %s failed", server.getClass().getSimpleName());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalInfraException("No free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
