package io.vigil.localinfra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a test needs to assert on a topic: the records written after a mark, exactly. Create it before the action
 * under test ({@link #mark}), then {@link #await(int, Duration)} the records the action should have produced; it
 * fails when fewer arrive in time, or when more than expected arrive (absence is part of the assertion).
 * Not thread-safe; one per test.
 */
public final class TopicTail {

    private static final Duration SETTLE = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String topic;
    private final Map<TopicPartition, Long> start;

    private TopicTail(String bootstrapServers, String topic, Map<TopicPartition, Long> start) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.start = start;
    }

    /**
     * Remembers the current end of every partition of {@code topic}; the topic must exist.
     *
     * @param bootstrapServers the cluster
     * @param topic the topic to watch
     */
    public static TopicTail mark(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist at " + bootstrapServers);
            }
            return new TopicTail(bootstrapServers, topic, consumer.endOffsets(partitions));
        }
    }

    /**
     * Waits until {@code expected} records were written after the mark, then waits a little longer to see that no
     * more arrive.
     *
     * @return exactly {@code expected} records, in partition order
     * @throws AssertionError when fewer arrive within {@code atMost}, or more than {@code expected} arrive
     */
    public List<ConsumerRecord<String, byte[]>> await(int expected, Duration atMost) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + atMost.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long settleUntil = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < settleUntil) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            if (records.size() != expected) {
                throw new AssertionError("Expected exactly " + expected + " records on " + topic + " after the mark,"
                        + " found " + records.size() + ": keys " + records.stream().map(ConsumerRecord::key).toList());
            }
            return records;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }
}
