package io.vigil.notify.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.notify.StartupOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Creates the topics this service reads ({@link Topics#ALERTS}) and writes ({@link Topics#DELIVERIES},
 * {@link Topics#NOTIFY_DLQ}) before the
 * consumer subscribes; auto-creation is never relied on.
 */
@ApplicationScoped
public class KafkaTopicsInitializer {

    private static final Logger LOGGER = Logger.getLogger(KafkaTopicsInitializer.class);

    private final TopicsConfig config;
    private final Map<String, Object> kafkaConfig;

    public KafkaTopicsInitializer(TopicsConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    void createTopics(@Observes @Priority(StartupOrder.TOPICS) StartupEvent startup) {
        if (!config.create()) {
            return;
        }
        TopicSettings settings = new TopicSettings(config.partitions(), config.replicationFactor(),
                config.minInsyncReplicas(), config.retention(), 30);
        Set<String> created = new TopicProvisioner(settings)
                .ensure(kafkaConfig, List.of(Topics.ALERTS, Topics.DELIVERIES, Topics.NOTIFY_DLQ));
        if (!created.isEmpty()) {
            LOGGER.infof("Created Kafka topics %s", created);
        }
    }
}
