package io.vigil.ingest.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Asks the cluster whether the topics ingest writes can be served right now. Pollers that saw Kafka fail ask this
 * before they receive again, so messages stay in SQS (and their receive counts do not climb) while Kafka is down.
 * Thread-safe.
 */
public class KafkaAvailability implements AutoCloseable {

    private final Admin admin;
    private final List<String> topics;

    public KafkaAvailability(Map<String, Object> kafkaConfig, List<String> topics) {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        kafkaConfig.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                properties.put(key, value);
            }
        });
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-ingest-availability");
        this.admin = Admin.create(properties);
        this.topics = List.copyOf(topics);
    }

    /** @return whether every topic has a leader for each partition, answered within {@code timeout} */
    public boolean isAvailable(Duration timeout) {
        try {
            return admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null
                            && !partition.leader().isEmpty()));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
