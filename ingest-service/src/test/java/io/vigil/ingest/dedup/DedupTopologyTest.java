package io.vigil.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window semantics of the de-duplication topology, with explicit record timestamps. */
class DedupTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);

    private final List<String> dropped = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> candidates;
    private TestOutputTopic<String, byte[]> events;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, "target/dedup-topology-test");
        driver = new TopologyTestDriver(DedupTopology.build(WINDOW, dropped::add), properties);
        candidates = driver.createInputTopic(DedupTopology.CANDIDATES_TOPIC, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        events = driver.createOutputTopic("vigil.events.v1", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void firstCopyIsForwardedKeyedByAccountWithoutTheAccountHeader() {
        // When
        candidates.pipeInput(candidate("event-1", "111122223333", T0));

        // Then
        TestRecord<String, byte[]> event = events.readRecord();
        assertThat(event.key()).isEqualTo("111122223333");
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"event-1\"}");
        assertThat(event.headers().lastHeader(DedupTopology.ACCOUNT_HEADER)).isNull();
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void repeatWithinTheWindowIsDroppedAndReported() {
        // Given
        candidates.pipeInput(candidate("event-1", "111122223333", T0));

        // When
        candidates.pipeInput(candidate("event-1", "111122223333", T0.plus(Duration.ofMinutes(59))));

        // Then
        assertThat(events.readKeyValuesToList()).hasSize(1);
        assertThat(dropped).containsExactly("event-1");
    }

    @Test
    void repeatAfterTheWindowIsForwardedAgain() {
        // Given
        candidates.pipeInput(candidate("event-1", "111122223333", T0));

        // When
        candidates.pipeInput(candidate("event-1", "111122223333", T0.plus(WINDOW).plusSeconds(1)));

        // Then
        assertThat(events.readKeyValuesToList()).hasSize(2);
        assertThat(dropped).isEmpty();
    }

    @Test
    void copyWithAnEarlierTimestampThanTheFirstIsStillADuplicate() {
        // Given: two ingest instances with slightly different clocks
        candidates.pipeInput(candidate("event-1", "111122223333", T0));

        // When
        candidates.pipeInput(candidate("event-1", "111122223333", T0.minusSeconds(5)));

        // Then
        assertThat(events.readKeyValuesToList()).hasSize(1);
        assertThat(dropped).containsExactly("event-1");
    }

    @Test
    void differentIdsAreAllForwarded() {
        // When
        candidates.pipeInput(candidate("event-1", "111122223333", T0));
        candidates.pipeInput(candidate("event-2", "444455556666", T0));

        // Then
        assertThat(events.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly("111122223333", "444455556666");
    }

    private static TestRecord<String, byte[]> candidate(String id, String account, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DedupTopology.ACCOUNT_HEADER, account.getBytes(StandardCharsets.UTF_8));
        return new TestRecord<>(id, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), headers, time);
    }
}
