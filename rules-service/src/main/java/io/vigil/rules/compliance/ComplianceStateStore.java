package io.vigil.rules.compliance;

import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.ContractException;
import io.vigil.contract.ContractJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The latest compliance status per rule and resource. Durable in a compacted Kafka topic keyed by
 * {@link #key(String, String)} whose values are the latest {@link ComplianceEvaluation}s; {@link #load} re-reads it
 * at start-up. Thread-safe.
 */
public final class ComplianceStateStore {

    private final Map<String, ComplianceStatus> statuses = new ConcurrentHashMap<>();
    private volatile int unreadable;

    /** @return the state topic's record key for a rule and resource */
    public static String key(String ruleId, String resourceArn) {
        return ruleId + "|" + resourceArn;
    }

    /** @return the last known status, or null when the rule never evaluated the resource */
    public ComplianceStatus status(String ruleId, String resourceArn) {
        return statuses.get(key(ruleId, resourceArn));
    }

    /** Records a status that is durable in the state topic. */
    public void put(String ruleId, String resourceArn, ComplianceStatus status) {
        statuses.put(key(ruleId, resourceArn), status);
    }

    /** @return how many rule and resource pairs are known */
    public int size() {
        return statuses.size();
    }

    /**
     * Reads the whole state topic from the beginning to its current end.
     *
     * @param consumerConfig Kafka consumer settings (at least {@code bootstrap.servers})
     * @return how many records were read
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public int load(Map<String, Object> consumerConfig, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Instant deadline = Instant.now().plus(timeout);
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read compliance state topic " + topic + " within "
                            + timeout + " (vigil.rules.compliance.state-load-timeout)");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    apply(record);
                }
            }
        }
        return read;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            statuses.remove(record.key());
            return;
        }
        try {
            statuses.put(record.key(), ContractJson.read(record.value(), ComplianceEvaluation.class).status());
        } catch (ContractException e) {
            // Not an evaluation: the key keeps its previous status; counted so start-up can report it.
            unreadable++;
        }
    }

    /** @return how many state records {@link #load} could not read and skipped */
    public int unreadable() {
        return unreadable;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
