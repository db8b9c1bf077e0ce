package io.vigil.rules.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vigil.rules.RulesConfig;
import io.vigil.rules.compliance.ComplianceStateStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jboss.logging.Logger;

/**
 * Provides the {@link ComplianceStateStore} and fills it from the compacted state topic at start-up, after the
 * topics exist and before the event channel starts, so the first event already sees every earlier verdict.
 */
@ApplicationScoped
class ComplianceStateLoader {

    private static final Logger LOGGER = Logger.getLogger(ComplianceStateLoader.class);

    @Produces
    @Singleton
    ComplianceStateStore store() {
        return new ComplianceStateStore();
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 20) StartupEvent event,
            ComplianceStateStore store, RulesConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        Map<String, Object> consumerConfig = new HashMap<>();
        Set<String> consumerKeys = ConsumerConfig.configNames();
        kafkaConfig.forEach((key, value) -> {
            if (consumerKeys.contains(key)) {
                consumerConfig.put(key, value);
            }
        });
        String topic = config.compliance().stateTopic();
        try {
            int read = store.load(consumerConfig, topic, config.compliance().stateLoadTimeout());
            LOGGER.infof("Compliance state loaded: topic=%s records=%d resources=%d unreadable=%d", topic, read,
                    store.size(), store.unreadable());
        } catch (RuntimeException e) {
            LOGGER.error("Cannot load the compliance state from " + topic + ": " + e.getMessage(), e);
            throw e;
        }
    }
}
