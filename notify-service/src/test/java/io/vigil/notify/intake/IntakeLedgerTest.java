package io.vigil.notify.intake;

import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.contract.Topics;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The ledger records the outcome of consuming each alert in the transaction whose commit lets its Kafka offset be
 * committed: once the offset is committed, every alert it covers has its intake row ({@code QUEUED} per receiver,
 * {@code SUPPRESSED} with the reason, or {@code UNROUTED}); a record consumed again adds none.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class IntakeLedgerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GROUP = "vigil-notify";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    @Test
    void whenTheOffsetOfAnAlertIsCommittedTheLedgerAlreadyShowsWhatConsumingItDid() throws Exception {
        // Given: one alert per outcome of intake (see routing/test-routing.yaml)
        Alert routed = TestAlerts.tagged("gate", Severity.HIGH, "810000000001");
        Alert muted = TestAlerts.tagged("muted", Severity.HIGH, "810000000001");
        Alert unrouted = TestAlerts.tagged("nowhere", Severity.HIGH, "810000000001");

        // When
        Map<TopicPartition, Long> offsets = publish(List.of(routed, muted, unrouted));
        awaitCommitted(offsets);

        // Then: read right after the commit was seen
        Map<String, List<String>> rows = ledgerRows(List.of(routed.id(), muted.id(), unrouted.id()));
        assertThat(rows.get(routed.id())).contains("QUEUED webhook-gate");
        assertThat(rows.get(muted.id())).containsExactly(
                "SUPPRESSED webhook-gate route root.6 muted by mute_time_intervals 'always'");
        assertThat(rows.get(unrouted.id())).containsExactly(
                "UNROUTED (none) it ends on route(s) [root], which have no receivers");
        // and the later attempt adds its own row
        awaitRequests("/gate", routed.id(), 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledgerRows(List.of(routed.id())).get(routed.id()))
                .containsExactly("QUEUED webhook-gate", "DELIVERED webhook-gate"));
    }

    @Test
    void alertConsumedAgainAfterACrashBeforeTheOffsetCommitAddsNoSecondRowAndNoSecondNotification()
            throws Exception {
        // Given: an alert taken in and sent
        Alert alert = TestAlerts.tagged("gate", Severity.HIGH, "810000000002");
        awaitCommitted(publish(List.of(alert)));
        awaitRequests("/gate", alert.id(), 1, WAIT);

        // When the same record comes again, as it does when an instance dies after the intake commit but before the
        // offset commit, and the next instance consumes from the last committed offset
        awaitCommitted(publish(List.of(alert)));

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledgerRows(List.of(alert.id())).get(alert.id()))
                .containsExactly("QUEUED webhook-gate", "DELIVERED webhook-gate"));
        assertThat(requestsMentioning("/gate", alert.id())).hasSize(1);
    }

    /** @return per partition, the offset after the last record published to it */
    private Map<TopicPartition, Long> publish(List<Alert> alerts) throws Exception {
        Map<TopicPartition, Long> next = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (Alert alert : alerts) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.ALERTS, alert.fingerprint(),
                        ContractJson.write(alert))).get(30, TimeUnit.SECONDS);
                next.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1, Math::max);
            }
        }
        return next;
    }

    private void awaitCommitted(Map<TopicPartition, Long> offsets) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return offsets.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        }
    }

    /** @return per alert, its ledger rows in order as "status receiver [error]" */
    private Map<String, List<String>> ledgerRows(List<String> alertIds) throws SQLException {
        Map<String, List<String>> rows = new HashMap<>();
        alertIds.forEach(id -> rows.put(id, new ArrayList<>()));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT alert_id, status, receiver, error"
                        + " FROM delivery_attempt WHERE alert_id = ANY (?) ORDER BY seq")) {
            select.setArray(1, connection.createArrayOf("text", alertIds.toArray()));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String status = result.getString("status");
                    String error = result.getString("error");
                    boolean withReason = !"QUEUED".equals(status) && !"DELIVERED".equals(status) && error != null;
                    rows.get(result.getString("alert_id")).add(status + " " + result.getString("receiver")
                            + (withReason ? " " + error : ""));
                }
            }
        }
        return rows;
    }
}
