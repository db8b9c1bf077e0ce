package io.vigil.localinfra.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
    private static final int VALUE_PREVIEW = 600;

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
        List<ConsumerRecord<String, byte[]>> records = awaitUntil(r -> r.size() >= expected, atMost);
        if (records.size() != expected) {
            throw new AssertionError("Expected exactly " + expected + " records on " + topic + " after the mark,"
                    + " found " + records.size() + ": " + describe(records));
        }
        return records;
    }

    /**
     * Waits until the records written after the mark satisfy {@code complete}, then waits a little longer so that
     * records that should not be there have a chance to show. For outcomes that may legitimately take several
     * records (a retried attempt publishes its failure first).
     *
     * @return every record written after the mark, in partition order
     * @throws AssertionError when {@code complete} does not hold within {@code atMost}
     */
    public List<ConsumerRecord<String, byte[]>> awaitUntil(Predicate<List<ConsumerRecord<String, byte[]>>> complete,
            Duration atMost) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!complete.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            if (!complete.test(records)) {
                throw new AssertionError("The records on " + topic + " after the mark were not complete within "
                        + atMost + "; found " + records.size() + ": " + describe(records));
            }
            long settleUntil = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < settleUntil) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    private static List<String> describe(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(TopicTail::describe).toList();
    }

    /** Key and the start of the value, enough to tell an unexpected record from an expected one. */
    private static String describe(ConsumerRecord<String, byte[]> record) {
        String value = record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8);
        return record.key() + "=" + (value.length() > VALUE_PREVIEW ? value.substring(0, VALUE_PREVIEW) + "…" : value);
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }
}
