package io.vigil.contract;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Vigil's topics with explicit partition counts and configuration, because auto-creation is off.
 * Idempotent: a topic that exists is left as it is. Safe to run from several instances at once.
 */
public final class TopicProvisioner {

    private final TopicSettings settings;

    public TopicProvisioner(TopicSettings settings) {
        this.settings = settings;
    }

    /**
     * Creates those of {@code topics} that do not exist yet.
     *
     * @param adminConfig Kafka admin client configuration (at least {@code bootstrap.servers})
     * @param topics topic names, usually from {@link Topics}
     * @return the topics this call created
     * @throws IllegalStateException when Kafka cannot be reached or refuses to create a topic within the timeout
     */
    public Set<String> ensure(Map<String, Object> adminConfig, Collection<String> topics) {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(settings.timeoutSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(name -> !existing.contains(name))
                    .map(this::newTopic)
                    .toList();
            if (missing.isEmpty()) {
                return Set.of();
            }
            var results = admin.createTopics(missing).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(settings.timeoutSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return results.keySet();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics at " + adminConfig.get("bootstrap.servers")
                    + " within " + settings.timeoutSeconds() + " s: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private NewTopic newTopic(String name) {
        return new NewTopic(name, settings.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInSyncReplicas()),
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retention().toMillis())));
    }
}
