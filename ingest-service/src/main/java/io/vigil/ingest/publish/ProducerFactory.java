package io.vigil.ingest.publish;

import io.smallrye.common.annotation.Identifier;
import io.vigil.ingest.dedup.DedupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the service's one Kafka producer from the {@code kafka.*} configuration, forcing the settings the
 * no-loss guarantee rests on: acks=all and idempotence.
 */
@ApplicationScoped
public class ProducerFactory {

    private final Map<String, Object> kafkaConfig;
    private final PublishConfig config;

    @Inject
    public ProducerFactory(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            PublishConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    /** The producer properties: the {@code kafka.*} settings plus the ones the guarantees need. */
    public static Map<String, Object> producerProperties(Map<String, Object> kafkaConfig, PublishConfig config) {
        Map<String, Object> properties = new HashMap<>(kafkaConfig);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-ingest");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        int timeoutMs = (int) config.ackTimeout().toMillis();
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        // Kafka requires delivery.timeout.ms >= request.timeout.ms + linger.ms
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeoutMs / 2));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.maxBlock().toMillis());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return properties;
    }

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> producer() {
        return new KafkaProducer<>(producerProperties(kafkaConfig, config));
    }

    @Produces
    @ApplicationScoped
    IngestPublisher publisher(Producer<String, byte[]> producer, DedupConfig dedup) {
        return new KafkaIngestPublisher(producer, dedup.enabled());
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close();
    }
}
