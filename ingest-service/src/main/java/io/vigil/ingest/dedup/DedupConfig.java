package io.vigil.ingest.dedup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The de-duplication stage. */
@ConfigMapping(prefix = "vigil.ingest.dedup")
public interface DedupConfig {

    /**
     * Whether events pass the de-duplication stage. Off, events go straight to {@code vigil.events.v1} and a source
     * event seen twice is published twice (downstream consumers still de-duplicate on the stable id).
     */
    @WithDefault("true")
    boolean enabled();

    /** How long a source event's id is remembered: a repeat within this window yields no second event. */
    @WithDefault("6h")
    Duration window();

    /** The Kafka Streams {@code application.id}: consumer group and prefix of the store's changelog topic. */
    @WithDefault("vigil-ingest-dedup")
    String applicationId();

    /**
     * How often the stream commits its transaction (Kafka Streams {@code commit.interval.ms}; the same default as
     * {@link DedupStreamsConfig#DEFAULT_COMMIT_INTERVAL}, which harnesses without Quarkus config use). Events become
     * visible on {@code vigil.events.v1} to read-committed consumers at each commit, so this bounds the latency the
     * stage adds; each commit blocks the stream thread for a flush and a transaction round trip, so committing less
     * often costs less.
     */
    @WithDefault("1s")
    Duration commitInterval();

    /** Where the local copy of the store lives; it is rebuilt from the changelog topic when missing. */
    @WithDefault("${java.io.tmpdir}/vigil-ingest-dedup")
    String stateDir();
}
