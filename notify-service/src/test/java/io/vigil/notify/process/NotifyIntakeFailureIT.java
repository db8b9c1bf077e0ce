package io.vigil.notify.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.localinfra.http.LocalHttpSink;
import io.vigil.localinfra.http.Reply;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.postgres.LocalPostgres;
import io.vigil.localinfra.run.AuditTokens;
import io.vigil.localinfra.run.NotifyWebhookSettings;
import io.vigil.localinfra.run.ServiceProcess;
import io.vigil.notify.TestAlerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 review, G6: the offset of an alert is committed only after intake committed it to PostgreSQL. A notify
 * process whose intake transaction fails (PostgreSQL refuses every insert into {@code alert}, a trigger raising an
 * error) commits no offset for it, sends nothing and reports itself not alive; started again once PostgreSQL accepts
 * the insert, it consumes the alert again and processes it once.
 */
class NotifyIntakeFailureIT {

    private static final Path RUNNER = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String PATH = "/intake-failure-it";
    private static final AuditTokens TOKENS = AuditTokens.create(tempDir());
    /** Its own alerts topic: other process tests consume vigil.alerts.v1 from the start and count what they got. */
    private static final String ALERTS = Topics.ALERTS + ".intake-failure-it";

    @Test
    void alertWhoseIntakeFailedIsNotCommittedAndIsProcessedOnceWhenPostgresAcceptsItAgain() throws Exception {
        // Given: a notify process whose database refuses alerts
        LocalKafka kafka = LocalKafka.shared();
        LocalPostgres postgres = LocalPostgres.shared();
        LocalHttpSink sink = LocalHttpSink.shared();
        new TopicProvisioner(new TopicSettings(3, (short) 1, 1, Duration.ofHours(1), 30))
                .ensure(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                        List.of(ALERTS, Topics.ALERTS, Topics.DELIVERIES, Topics.NOTIFY_DLQ));
        String group = "vigil-notify-intake-failure-" + System.currentTimeMillis();
        String jdbcUrl = postgres.ensureDatabase("notify_intake_failure_" + System.currentTimeMillis());
        Map<String, String> properties = NotifyWebhookSettings.of(kafka, postgres, jdbcUrl, "hook", sink.url(PATH),
                TOKENS);
        properties.put("vigil.notify.receivers.hook.webhook.secret", "intake-failure-signing-secret-01");
        properties.put("mp.messaging.incoming.alerts.group.id", group);
        properties.put("mp.messaging.incoming.alerts.topic", ALERTS);
        properties.put("mp.messaging.incoming.alerts.auto.commit.interval.ms", "500");
        sink.defaultReply(PATH, Reply.status(200));
        Path logs = Files.createTempDirectory("notify-intake-failure-it");
        Alert alert = TestAlerts.tagged("intake-failure", Severity.HIGH, "910000000001");
        RecordMetadata published;
        try (ServiceProcess first = ServiceProcess.start("notify-refused", RUNNER, freePort(), properties, logs)) {
            first.awaitReady(Duration.ofMinutes(3));
            sql(jdbcUrl, postgres, "CREATE FUNCTION refuse_alert() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'alert refused by NotifyIntakeFailureIT'; END $$");
            sql(jdbcUrl, postgres, "CREATE TRIGGER refuse_alert BEFORE INSERT ON alert FOR EACH STATEMENT"
                    + " EXECUTE FUNCTION refuse_alert()");

            // When
            published = publish(kafka, alert);

            // Then: the consumer gave up on the batch (liveness down), nothing was stored, sent or committed
            await().atMost(Duration.ofMinutes(1)).until(() -> status(first, "/q/health/live") == 503);
            Thread.sleep(1500);
            assertThat(committed(kafka, group, published)).isLessThanOrEqualTo(published.offset());
            assertThat(count(jdbcUrl, postgres, "SELECT count(*) FROM alert WHERE alert_id = ?", alert.id()))
                    .isZero();
            assertThat(sink.requests(PATH).stream().filter(r -> r.body().contains(alert.id()))).isEmpty();
        }

        // When PostgreSQL accepts alerts again and notify is started again
        sql(jdbcUrl, postgres, "DROP TRIGGER refuse_alert ON alert");
        try (ServiceProcess second = ServiceProcess.start("notify-accepting", RUNNER, freePort(), properties,
                logs)) {
            second.awaitReady(Duration.ofMinutes(3));

            // Then: consumed again, processed once, and now committed
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(count(jdbcUrl, postgres,
                    "SELECT count(*) FROM delivery_attempt WHERE alert_id = ? AND status = 'DELIVERED'",
                    alert.id())).isEqualTo(1));
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(committed(kafka, group, published))
                    .isGreaterThan(published.offset()));
            assertThat(count(jdbcUrl, postgres, "SELECT count(*) FROM delivery_attempt WHERE alert_id = ?"
                    + " AND status = 'QUEUED'", alert.id())).isEqualTo(1);
            assertThat(sink.accepted(PATH).stream().filter(r -> r.body().contains(alert.id()))).hasSize(1);
        }
    }

    private static RecordMetadata publish(LocalKafka kafka, Alert alert) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            return producer.send(new ProducerRecord<>(ALERTS, alert.fingerprint(), ContractJson.write(alert)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** @return the group's committed offset of the record's partition, -1 when none */
    private static long committed(LocalKafka kafka, String group, RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(new TopicPartition(record.topic(), record.partition()));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static int status(ServiceProcess process, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(process.baseUrl() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sql(String jdbcUrl, LocalPostgres postgres, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static int count(String jdbcUrl, LocalPostgres postgres, String query, String alertId)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                PreparedStatement select = connection.prepareStatement(query)) {
            select.setString(1, alertId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("notify-intake-failure-it-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
