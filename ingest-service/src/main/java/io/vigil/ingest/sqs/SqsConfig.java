package io.vigil.ingest.sqs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The SQS queues to read and how to read them. */
@ConfigMapping(prefix = "vigil.ingest.sqs")
public interface SqsConfig {

    /** Queues by name: {@code vigil.ingest.sqs.queues.<name>.url}. One per region or account is common. */
    Map<String, QueueConfig> queues();

    /** Long-poll wait per receive (SQS allows at most 20 s). */
    @WithDefault("20s")
    Duration waitTime();

    /** Messages per receive (SQS allows at most 10). */
    @WithDefault("10")
    int batchSize();

    /**
     * Receives after which a message that still was not handed to Kafka goes to the dead-letter topic instead of
     * being tried again, so a message that keeps failing is never retried forever.
     */
    @WithDefault("5")
    int maxReceives();

    /**
     * Visibility timeout asked for on each receive; while a batch is worked on its visibility is extended by this much
     * every half period, so slow work is never received twice.
     */
    @WithDefault("60s")
    Duration visibilityTimeout();

    /** Longest pause between checks whether Kafka is back after it failed to acknowledge (polling stops meanwhile). */
    @WithDefault("30s")
    Duration kafkaRetryMaxBackoff();

    /** Pause after a failed receive before polling again. */
    @WithDefault("5s")
    Duration errorBackoff();

    /** How long shutdown waits for in-flight batches to finish. */
    @WithDefault("30s")
    Duration shutdownTimeout();

    /** One queue. */
    interface QueueConfig {

        /** The queue URL. */
        String url();

        /** Pollers for this queue; each handles one batch at a time, which bounds in-flight messages. */
        @WithDefault("1")
        int concurrency();
    }
}
