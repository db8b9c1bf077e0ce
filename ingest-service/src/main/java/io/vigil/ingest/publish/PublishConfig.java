package io.vigil.ingest.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long publishing may take before the source message is left for redelivery. */
@ConfigMapping(prefix = "vigil.ingest.publish")
public interface PublishConfig {

    /** Longest wait for the broker to acknowledge a record (Kafka {@code delivery.timeout.ms}). */
    @WithDefault("30s")
    Duration ackTimeout();

    /** Longest a send may block waiting for cluster metadata (Kafka {@code max.block.ms}). */
    @WithDefault("10s")
    Duration maxBlock();
}
