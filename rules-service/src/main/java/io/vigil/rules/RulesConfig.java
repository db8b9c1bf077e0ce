package io.vigil.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.contract.Severity;
import io.vigil.rules.sigma.UnsupportedSigmaRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The rules-service's configuration, {@code vigil.rules.*}. */
@ConfigMapping(prefix = "vigil.rules")
public interface RulesConfig {

    /**
     * Built-in rule packs to load, by name: {@code x} is the classpath resource {@code packs/x.yaml}. Defaults to every
     * built-in pack. An unknown name fails start-up. Sigma rules are not built in: see {@link #sigma()}.
     */
    @WithDefault("cis-aws-foundations,aws-config-checks,aws-findings")
    List<String> packs();

    /**
     * Extra packs read from the file system at start-up: pack files or directories of rule files (a directory is a
     * pack named after it). Empty by default.
     */
    Optional<List<Path>> directories();

    /** {@code vigil.rules.eventbridge.*}: the EventBridge pattern dialect. */
    Eventbridge eventbridge();

    /** {@code vigil.rules.sigma.*}: the user's own Sigma rule directories. */
    Sigma sigma();

    /** {@code vigil.rules.sigma.*}. */
    interface Sigma {

        /**
         * Directories of plain Sigma rule files (standard SigmaHQ {@code .yml}/{@code .yaml} files, unchanged, e.g. a
         * checkout's {@code rules/cloud/aws/cloudtrail}), read recursively at start-up as rules of dialect
         * {@code sigma}. Each file is one rule with the Vigil id {@code sigma-<the Sigma id in lower case>}, its title,
         * tags, description (with the false positives) and severity from its level; alerts carry its author as a
         * {@code sigma-author:} tag. None by default: Vigil ships no Sigma rules. A missing or empty directory fails
         * start-up.
         */
        Optional<List<Path>> directories();

        /**
         * A file that cannot be loaded (aggregations such as {@code | count() > N}, unsupported modifiers or
         * logsources, no id, malformed YAML): {@code fail} (default) fails start-up naming the file and the unsupported
         * feature; {@code skip} skips it, logs an error naming both and counts it in the
         * {@code vigil.rules.sigma.skipped{reason}} metric.
         */
        @WithDefault("fail")
        UnsupportedSigmaRules onUnsupported();
    }

    /** {@code vigil.rules.findings.*}: the findings pass-through. */
    Findings findings();

    /** {@code vigil.rules.compliance.*}: Config rule evaluations and their durable state. */
    Compliance compliance();

    /** {@code vigil.rules.eventbridge.*}. */
    interface Eventbridge {

        /**
         * The largest event-ruler complexity (its {@code MachineComplexityEvaluator}) a pattern may have; a pattern
         * reaching it is rejected at load time. Keep it low: the evaluator's own run time grows steeply with the
         * limit on pathological wildcard patterns (measured: limit 20 under 1 s, limit 30 up to 25 s, limit 100 a
         * minute).
         */
        @WithDefault("20")
        int maxComplexity();
    }

    /** {@code vigil.rules.findings.*}. */
    interface Findings {

        /**
         * Findings below this severity are not passed through by rules whose body says {@code minSeverity: configured}.
         */
        @WithDefault("medium")
        Severity minSeverity();
    }

    /** {@code vigil.rules.compliance.*}. */
    interface Compliance {

        /**
         * Compacted topic holding the latest evaluation per rule and resource, re-read at start-up, so a
         * compliant-to-non-compliant change is detected across restarts.
         */
        @WithDefault("vigil.rules.compliance-state.v1")
        String stateTopic();

        /** How long start-up may take to re-read {@link #stateTopic()}. */
        @WithDefault("60s")
        Duration stateLoadTimeout();
    }

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
