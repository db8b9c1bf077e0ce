package io.vigil.ingest;

/**
 * Start-up and shutdown observer priorities: lower runs first. Topics exist before the de-duplication stream
 * starts, and the stream runs before the pollers publish; at shutdown the pollers finish before the stream closes.
 */
public final class StartupOrder {

    /** Creates the Kafka topics. */
    public static final int TOPICS = 10;
    /** Starts the de-duplication stream. */
    public static final int DEDUP = 50;
    /** Starts the SQS pollers. */
    public static final int POLLERS = 100;
    /** Stops the pollers (shutdown). */
    public static final int POLLERS_STOP = 10;
    /** Closes the de-duplication stream (shutdown), after the pollers. */
    public static final int DEDUP_STOP = 50;

    private StartupOrder() {
    }
}
