package io.vigil.ingest.dedup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vigil.ingest.StartupOrder;
import io.vigil.ingest.kafka.TopicsConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jboss.logging.Logger;

/**
 * Runs the de-duplication topology for the life of the service: started after the topics exist and before the
 * pollers, closed after the pollers stopped so in-flight candidates are processed.
 */
@ApplicationScoped
public class DedupStream {

    private static final Logger LOGGER = Logger.getLogger(DedupStream.class);

    private final DedupConfig config;
    private final TopicsConfig topics;
    private final Map<String, Object> kafkaConfig;
    private final Counter duplicates;
    private volatile KafkaStreams streams;

    public DedupStream(DedupConfig config, TopicsConfig topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.config = config;
        this.topics = topics;
        this.kafkaConfig = kafkaConfig;
        this.duplicates = registry.counter("vigil.ingest.duplicates");
    }

    void start(@Observes @Priority(StartupOrder.DEDUP) StartupEvent startup) {
        if (!config.enabled()) {
            LOGGER.info("De-duplication is off (vigil.ingest.dedup.enabled=false); events go straight to Kafka");
            return;
        }
        Duration commitInterval = config.commitInterval();
        streams = new KafkaStreams(DedupTopology.build(config.window(), id -> {
            duplicates.increment();
            LOGGER.debugf("Dropped a repeat of event %s seen within %s", id, config.window());
        }), DedupStreamsConfig.of(kafkaConfig, config.applicationId(), config.stateDir(),
                topics.replicationFactor(), topics.minInsyncReplicas(), commitInterval));
        streams.setUncaughtExceptionHandler(error -> {
            LOGGER.errorf(error, "The de-duplication stream failed; replacing its thread");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOGGER.infof("De-duplication stream started (window %s, application id %s, commit interval %s)",
                config.window(), config.applicationId(), commitInterval);
    }

    void stop(@Observes @Priority(StartupOrder.DEDUP_STOP) ShutdownEvent shutdown) {
        if (streams != null) {
            closeLeavingGroup(streams);
        }
    }

    /**
     * Closes a de-duplication stream and leaves its consumer group at once, so the remaining or restarted instances
     * take over its partitions (and the store they restore from the changelog) without waiting for the session
     * timeout.
     */
    public static void closeLeavingGroup(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    /** @return the stream's state, or null when de-duplication is off */
    public KafkaStreams.State state() {
        return streams == null ? null : streams.state();
    }
}
