package io.vigil.notify.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this service creates its topics when they do not exist. */
@ConfigMapping(prefix = "vigil.notify.topics")
public interface TopicsConfig {

    /** Partitions per topic. */
    @WithDefault("3")
    int partitions();

    /** Replicas per partition; 1 only on a single-broker cluster. */
    @WithDefault("3")
    short replicationFactor();

    /** Replicas that must acknowledge an acks=all write. */
    @WithDefault("2")
    int minInsyncReplicas();

    /** How long records are kept. */
    @WithDefault("7d")
    Duration retention();

    /** Whether to create missing topics at start-up; off when the Kubernetes manifests create them. */
    @WithDefault("true")
    boolean create();
}
