package io.vigil.audit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the audit-service creates the topics it reads ({@code vigil.audit.topics.*}). */
@ConfigMapping(prefix = "vigil.audit.topics")
interface TopicsConfig {

    /** Partitions per topic. */
    @WithDefault("3")
    int partitions();

    /** Copies of each partition; pass 1 for a single local broker. */
    @WithDefault("3")
    short replicationFactor();

    /** Replicas that must acknowledge an {@code acks=all} write; at most the replication factor. */
    @WithDefault("2")
    int minInsyncReplicas();

    /** How long the topics keep records. */
    @WithDefault("7d")
    Duration retention();

    /** How long to wait for the cluster to list or create topics. */
    @WithDefault("30s")
    Duration timeout();
}
