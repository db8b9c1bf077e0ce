package io.vigil.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The rules-service's configuration, {@code vigil.rules.*}. */
@ConfigMapping(prefix = "vigil.rules")
public interface RulesConfig {

    /**
     * Built-in rule packs to load, by name: {@code x} is the classpath resource {@code packs/x.yaml}. Defaults to every
     * built-in pack. An unknown name fails start-up.
     */
    @WithDefault("cis-aws-foundations")
    List<String> packs();

    /** How the topics this service reads and writes are created at start-up. */
    Topics topics();

    /** {@code vigil.rules.topics.*}: settings for {@code io.vigil.contract.TopicProvisioner}. */
    interface Topics {

        /** Partitions per topic. */
        @WithDefault("3")
        int partitions();

        /** Copies of each partition; 1 on a single local broker. */
        @WithDefault("3")
        short replicationFactor();

        /** Replicas that must acknowledge an {@code acks=all} write; at most the replication factor. */
        @WithDefault("2")
        int minInsyncReplicas();

        /** How long records are kept. */
        @WithDefault("7d")
        Duration retention();

        /** How long to wait for the cluster when creating topics. */
        @WithDefault("30s")
        Duration timeout();
    }
}
