package io.vigil.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.kafka.TopicTail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The de-duplication stage against a real broker: the window outlives a restart (even onto an empty state
 * directory, restored from the changelog) and two instances sharing the work never both emit a copy.
 */
class DedupAcrossRestartsAndInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String bootstrap = LocalKafka.shared().bootstrapServers();
    private final List<KafkaStreams> running = new ArrayList<>();
    private String candidatesTopic;
    private String eventsTopic;
    private String applicationId;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void createTopics() {
        String suffix = UUID.randomUUID().toString();
        candidatesTopic = "dedup-candidates-" + suffix;
        eventsTopic = "dedup-events-" + suffix;
        applicationId = "dedup-test-" + suffix;
        new TopicProvisioner(new TopicSettings(4, (short) 1, 1, Duration.ofDays(1), 30))
                .ensure(Map.of("bootstrap.servers", bootstrap), List.of(candidatesTopic, eventsTopic));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    @AfterEach
    void close() {
        running.forEach(DedupStream::closeLeavingGroup);
        producer.close();
    }

    @Test
    void repeatAfterARestartOntoAnEmptyStateDirectoryYieldsNoSecondEvent() throws IOException {
        // Given: an instance saw event-1 and then went away with its disk
        KafkaStreams first = start(Files.createTempDirectory("dedup-a"));
        TopicTail beforeFirst = TopicTail.mark(bootstrap, eventsTopic);
        send("event-1");
        beforeFirst.await(1, WAIT);
        DedupStream.closeLeavingGroup(first);
        running.remove(first);
        start(Files.createTempDirectory("dedup-b"));
        TopicTail afterRestart = TopicTail.mark(bootstrap, eventsTopic);

        // When
        send("event-1");
        send("event-2");

        // Then
        List<ConsumerRecord<String, byte[]>> events = afterRestart.await(1, WAIT);
        assertThat(new String(events.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("event-2");
    }

    @Test
    void twoInstancesSharingTheCandidatesEmitEachEventOnce() throws IOException {
        // Given
        KafkaStreams a = start(Files.createTempDirectory("dedup-a"));
        KafkaStreams b = start(Files.createTempDirectory("dedup-b"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(activeTasks(a)).isPositive();
            assertThat(activeTasks(b)).isPositive();
        });
        TopicTail tail = TopicTail.mark(bootstrap, eventsTopic);

        // When: every event arrives twice, as when two ingest instances both receive it
        for (int i = 0; i < 20; i++) {
            send("event-" + i);
            send("event-" + i);
        }

        // Then
        List<ConsumerRecord<String, byte[]>> events = tail.await(20, WAIT);
        assertThat(events).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .doesNotHaveDuplicates()
                .hasSize(20);
        assertThat(activeTasks(a) + activeTasks(b)).isEqualTo(4);
    }

    private KafkaStreams start(Path stateDir) {
        KafkaStreams streams = new KafkaStreams(DedupTopology.build(candidatesTopic, eventsTopic,
                Duration.ofHours(1), id -> {
                }),
                DedupStreamsConfig.of(Map.of("bootstrap.servers", bootstrap), applicationId, stateDir.toString(), 1,
                        1, DedupStreamsConfig.DEFAULT_COMMIT_INTERVAL));
        running.add(streams);
        streams.start();
        await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private void send(String id) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(candidatesTopic, id,
                id.getBytes(StandardCharsets.UTF_8));
        record.headers().add(DedupTopology.ACCOUNT_HEADER, "111122223333".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("could not send candidate " + id, e);
        }
    }

    private static int activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.activeTasks().size()).sum();
    }
}
