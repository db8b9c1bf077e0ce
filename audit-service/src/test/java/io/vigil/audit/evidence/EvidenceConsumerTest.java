package io.vigil.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contract.ContractJson;
import io.vigil.contract.RuleChange;
import io.vigil.contract.RuleChangeType;
import io.vigil.contract.Topics;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * One Kafka poll is appended as one batch: one transaction at one recorded time, each partition's records as
 * consecutive links of its own chain. The records are handed to the consumer directly, on partitions no real
 * producer writes, so the chains are this test's own.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class EvidenceConsumerTest {

    @Inject
    EvidenceConsumer consumer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void polledRecordsOfSeveralPartitionsAreAppendedAsOneBatchAtOneRecordedTime() throws SQLException {
        // Given: two partitions (same number of digits, so their chain ids sort as numbers), a redelivered copy within the poll, and a record that is not a contract message
        int first = ThreadLocalRandom.current().nextInt(100_000, 999_000);
        int second = first + 1;
        RuleChange a = change();
        RuleChange b = change();
        RuleChange c = change();
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll = new LinkedHashMap<>();
        poll.put(new TopicPartition(Topics.RULE_CHANGES, first), List.of(record(first, 0, a), record(first, 1, b),
                new ConsumerRecord<>(Topics.RULE_CHANGES, first, 2, "bad", "{not json".getBytes(
                        StandardCharsets.UTF_8))));
        poll.put(new TopicPartition(Topics.RULE_CHANGES, second), List.of(record(second, 0, c),
                record(second, 1, a)));

        // When
        consumer.consume(new ConsumerRecords<>(poll, Map.of()));

        // Then
        List<Row> rows = rows(a, b, c);
        assertThat(rows).extracting(Row::sourceId, Row::chain, Row::seq).containsExactly(
                tuple(a.id(), chain(first), 1L),
                tuple(b.id(), chain(first), 2L),
                tuple(c.id(), chain(second), 1L));
        assertThat(rows).extracting(Row::recordedAt).containsOnly(rows.getFirst().recordedAt());
        assertThat(rows.get(1).previousHash()).isEqualTo(rows.getFirst().hash());
    }

    @Test
    void recordThatIsNotAContractMessageIsChainedInItsPlaceAsMalformedEvidenceOnceEvenWhenReplayed()
            throws SQLException {
        // Given: a poll with a record that is not UTF-8 between two changes, consumed once already
        int partition = ThreadLocalRandom.current().nextInt(100_000, 999_000);
        RuleChange before = change();
        RuleChange after = change();
        byte[] raw = {'{', (byte) 0xff, 0, '}'};
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll = Map.of(
                new TopicPartition(Topics.RULE_CHANGES, partition), List.of(record(partition, 0, before),
                        new ConsumerRecord<>(Topics.RULE_CHANGES, partition, 1, "odd-key", raw),
                        record(partition, 2, after)));
        consumer.consume(new ConsumerRecords<>(poll, Map.of()));

        // When: the same poll is delivered again (a replay after a rebalance)
        consumer.consume(new ConsumerRecords<>(poll, Map.of()));

        // Then
        List<Row> chain = chainRows(chain(partition));
        assertThat(chain).extracting(Row::sourceId, Row::seq).containsExactly(
                tuple(before.id(), 1L),
                tuple(Topics.RULE_CHANGES + ":" + partition + ":1", 2L),
                tuple(after.id(), 3L));
        assertThat(chain.get(1).previousHash()).isEqualTo(chain.getFirst().hash());
        assertThat(chain.get(2).previousHash()).isEqualTo(chain.get(1).hash());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT kind, message_key, kafka_offset, "
                        + "payload->>'topic', payload->>'partition', payload->>'offset', payload->>'key', "
                        + "payload->>'reason', payload->>'rawEncoding', payload->>'raw' FROM evidence "
                        + "WHERE chain_id = ? AND seq = 2")) {
            query.setString(1, chain(partition));
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("malformed");
                assertThat(result.getString(2)).isNull();
                assertThat(result.getLong(3)).isEqualTo(1L);
                assertThat(List.of(result.getString(4), result.getString(5), result.getString(6),
                        result.getString(7), result.getString(8), result.getString(9), result.getString(10)))
                        .containsExactly(Topics.RULE_CHANGES, String.valueOf(partition), "1", "odd-key",
                                "malformed", "base64", Base64.getEncoder().encodeToString(raw));
            }
        }
    }

    private List<Row> chainRows(String chain) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT source_id, chain_id, seq, recorded_at, "
                        + "previous_hash, hash FROM evidence WHERE chain_id = ? ORDER BY seq")) {
            query.setString(1, chain);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getLong(3),
                            result.getObject(4, OffsetDateTime.class).toInstant(), result.getString(5),
                            result.getString(6)));
                }
            }
        }
        return rows;
    }

    private static String chain(int partition) {
        return NewEvidence.chainOf(Topics.RULE_CHANGES, partition);
    }

    private static RuleChange change() {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        return new RuleChange(RuleChange.SCHEMA_VERSION, "rc-" + UUID.randomUUID(), now,
                "rule-" + UUID.randomUUID(), RuleChangeType.CREATED, 1, "carol@example.com", now, null, null);
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, RuleChange change) {
        return new ConsumerRecord<>(Topics.RULE_CHANGES, partition, offset, change.ruleId(),
                ContractJson.write(change));
    }

    private List<Row> rows(RuleChange... changes) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (RuleChange change : changes) {
            ids.add(change.id());
        }
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT source_id, chain_id, seq, recorded_at, "
                        + "previous_hash, hash FROM evidence WHERE kind = 'rule_change' AND source_id = ANY(?) "
                        + "ORDER BY chain_id, seq")) {
            query.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getLong(3),
                            result.getObject(4, OffsetDateTime.class).toInstant(), result.getString(5),
                            result.getString(6)));
                }
            }
        }
        return rows;
    }

    private record Row(String sourceId, String chain, long seq, Instant recordedAt, String previousHash,
            String hash) {
    }
}
