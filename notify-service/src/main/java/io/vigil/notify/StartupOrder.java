package io.vigil.notify;

/**
 * Start-up observer priorities: lower runs first. Configuration is validated and topics exist before SmallRye
 * Reactive Messaging (priority 1000) starts consuming alerts.
 */
public final class StartupOrder {

    /** Validates receivers and routes; a bad configuration stops the service before it touches Kafka. */
    public static final int VALIDATE = 5;
    /** Creates the Kafka topics. */
    public static final int TOPICS = 10;
    /** Starts the background loops (grouping, delivery, ledger publishing, escalation). */
    public static final int WORKERS = 20;

    private StartupOrder() {
    }
}
