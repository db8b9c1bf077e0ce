package io.vigil.ingest;

/** Start-up observer priorities: lower runs first. Topics must exist before the pollers publish. */
public final class StartupOrder {

    /** Creates the Kafka topics. */
    public static final int TOPICS = 10;
    /** Starts the SQS pollers. */
    public static final int POLLERS = 100;

    private StartupOrder() {
    }
}
