package io.vigil.contract;

import java.time.Duration;

/**
 * How {@link TopicProvisioner} creates a topic.
 *
 * @param partitions partitions per topic (the unit of parallelism per consumer group)
 * @param replicationFactor copies of each partition; 3 in production, 1 on a single local broker
 * @param minInSyncReplicas replicas that must acknowledge an {@code acks=all} write; at most {@code replicationFactor}
 * @param retention how long records are kept
 * @param timeoutSeconds how long to wait for the cluster to answer
 */
public record TopicSettings(int partitions, short replicationFactor, int minInSyncReplicas, Duration retention,
        int timeoutSeconds) {

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        if (minInSyncReplicas < 1 || minInSyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor "
                    + replicationFactor + ", was " + minInSyncReplicas);
        }
    }
}
