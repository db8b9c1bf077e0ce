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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics the rules-service reads and writes before the Kafka channels start (messaging starts its
 * channels on the {@link StartupEvent} at priority {@code LIBRARY_BEFORE}; this runs at {@code PLATFORM_BEFORE + 10}).
 * A Kafka that cannot be reached fails start-up.
 */
@ApplicationScoped
class KafkaTopicsInitializer {

    private static final Logger LOGGER = Logger.getLogger(KafkaTopicsInitializer.class);
    static final List<String> TOPICS = List.of(Topics.EVENTS, Topics.ALERTS, Topics.COMPLIANCE);

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

    /** Creates the compacted compliance state topic if missing; compaction keeps the latest verdict per key forever. */
    static boolean ensureCompacted(Map<String, Object> adminConfig, String topic, TopicSettings settings) {
        try (Admin admin = Admin.create(adminConfig)) {
            if (admin.listTopics().names().get(settings.timeoutSeconds(), TimeUnit.SECONDS).contains(topic)) {
                return false;
            }
            NewTopic compacted = new NewTopic(topic, settings.partitions(), settings.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInSyncReplicas())));
            try {
                admin.createTopics(List.of(compacted)).all().get(settings.timeoutSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return false;
                }
                throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics within " + settings.timeoutSeconds() + " s: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
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
            boolean stateCreated = ensureCompacted(adminConfig, config.compliance().stateTopic(), settings);
            LOGGER.infof("Kafka topics ready: %s and %s (created now: %s%s)", TOPICS, config.compliance().stateTopic(),
                    created, stateCreated ? " and the state topic" : "");
        } catch (RuntimeException e) {
            LOGGER.error("Cannot create Kafka topics " + TOPICS + ": " + e.getMessage(), e);
            throw e;
        }
    }
}
