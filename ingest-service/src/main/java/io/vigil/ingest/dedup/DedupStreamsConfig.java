package io.vigil.ingest.dedup;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of the de-duplication stage. */
public final class DedupStreamsConfig {

    /**
     * The default transaction commit interval. Kafka Streams' own default under exactly-once is 100 ms; measured with
     * {@code IngestThroughput}, a commit blocks the stream thread for a producer flush and a transaction round trip
     * (tens of milliseconds on a loaded host), so at 100 ms the thread spent about half its time waiting and the stage
     * fell behind ingest. Once a second keeps the added latency under about a second.
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

    private DedupStreamsConfig() {
    }

    /**
     * @param kafkaConfig the service's {@code kafka.*} settings (bootstrap servers, security)
     * @param applicationId the Streams application id
     * @param stateDir the local state directory
     * @param replicationFactor replicas of the changelog topic
     * @param minInsyncReplicas {@code min.insync.replicas} of the changelog topic
     * @param commitInterval how often the transaction commits
     */
    public static Properties of(Map<String, Object> kafkaConfig, String applicationId, String stateDir,
            int replicationFactor, int minInsyncReplicas, Duration commitInterval) {
        Properties properties = new Properties();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                properties.put(key, value);
            }
        });
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        // the event, the store update and the candidate's offset commit succeed or fail together
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        properties.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(minInsyncReplicas));
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.CLIENT_ID_CONFIG), applicationId + "-producer");
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        return properties;
    }
}
