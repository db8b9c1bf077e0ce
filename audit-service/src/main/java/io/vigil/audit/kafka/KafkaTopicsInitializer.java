package io.vigil.audit.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Creates the topics the audit-service reads (all of {@link Topics#ALL}) at startup, before the messaging channels
 * subscribe (which happens at priority 1000). Fails startup when Kafka cannot be reached or refuses.
 */
@ApplicationScoped
class KafkaTopicsInitializer {

    /** Before SmallRye Reactive Messaging starts its channels (it observes StartupEvent at priority 1000). */
    static final int BEFORE_MESSAGING = 900;
    private static final Logger LOGGER = Logger.getLogger(KafkaTopicsInitializer.class);

    private final TopicsConfig config;
    private final Map<String, Object> kafkaConfig;

    KafkaTopicsInitializer(TopicsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    void createTopics(@Observes @Priority(BEFORE_MESSAGING) StartupEvent event) {
        TopicSettings settings;
        try {
            settings = new TopicSettings(config.partitions(), config.replicationFactor(),
                    config.minInsyncReplicas(), config.retention(), (int) config.timeout().toSeconds());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid vigil.audit.topics configuration: " + e.getMessage(), e);
        }
        Set<String> created = new TopicProvisioner(settings).ensure(adminConfig(), Topics.ALL);
        LOGGER.infof("Kafka topics ready: created=%s existing=%d", created, Topics.ALL.size() - created.size());
    }

    /** The connection part of the shared Kafka configuration; consumer and producer keys would only cause warnings. */
    private Map<String, Object> adminConfig() {
        return kafkaConfig.entrySet().stream()
                .filter(entry -> isConnectionKey(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static boolean isConnectionKey(String key) {
        return key.equals("bootstrap.servers") || key.equals("security.protocol") || key.startsWith("sasl.")
                || key.startsWith("ssl.") || key.equals("client.dns.lookup");
    }
}
