package io.vigil.rules.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.rules.RulesConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;

/**
 * Creates the topics the rules-service reads and writes before the Kafka channels start (messaging starts its
 * channels on the {@link StartupEvent} at priority {@code LIBRARY_BEFORE}; this runs at {@code PLATFORM_BEFORE + 10}).
 * A Kafka that cannot be reached fails start-up.
 */
@ApplicationScoped
class KafkaTopicsInitializer {

    private static final Logger LOGGER = Logger.getLogger(KafkaTopicsInitializer.class);
    static final List<String> TOPICS = List.of(Topics.EVENTS, Topics.ALERTS);

    private final RulesConfig config;
    private final Map<String, Object> kafkaConfig;

    @Inject
    KafkaTopicsInitializer(RulesConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    /** @throws IllegalArgumentException naming the {@code vigil.rules.topics} keys when the values are inconsistent */
    static TopicSettings settings(RulesConfig.Topics topics) {
        try {
            return new TopicSettings(topics.partitions(), topics.replicationFactor(), topics.minInsyncReplicas(),
                    topics.retention(), (int) Math.max(1, topics.timeout().toSeconds()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid vigil.rules.topics.* (partitions, replication-factor, "
                    + "min-insync-replicas): " + e.getMessage(), e);
        }
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) StartupEvent event) {
        TopicSettings settings = settings(config.topics());
        Map<String, Object> adminConfig = new HashMap<>();
        Set<String> adminKeys = AdminClientConfig.configNames();
        kafkaConfig.forEach((key, value) -> {
            if (adminKeys.contains(key)) {
                adminConfig.put(key, value);
            }
        });
        try {
            Set<String> created = new TopicProvisioner(settings).ensure(adminConfig, TOPICS);
            LOGGER.infof("Kafka topics ready: %s (created now: %s)", TOPICS, created);
        } catch (RuntimeException e) {
            LOGGER.error("Cannot create Kafka topics " + TOPICS + ": " + e.getMessage(), e);
            throw e;
        }
    }
}
