package io.vigil.contract;

import java.util.List;

/**
 * The Kafka topics between Vigil's services, named {@code vigil.<subject>[.<qualifier>].v<N>}.
 *
 * <p>Topics are never auto-created: {@link TopicProvisioner} or the Kubernetes manifests create them with
 * explicit partition counts and configuration.
 */
public final class Topics {

    /** Normalized security events, keyed by AWS account id; ingest → rules, audit. */
    public static final String EVENTS = "vigil.events.v1";
    /** Input the ingest-service rejected, keyed by source message id; ingest → audit, operators. */
    public static final String INGEST_DLQ = "vigil.ingest.dlq.v1";
    /** Alerts raised by rules, keyed by alert fingerprint; rules → notify, audit. */
    public static final String ALERTS = "vigil.alerts.v1";
    /** Config-style evaluations, keyed by resource ARN; rules → audit. */
    public static final String COMPLIANCE = "vigil.compliance.v1";
    /** Rule definition changes, keyed by rule id; rules → audit. */
    public static final String RULE_CHANGES = "vigil.rules.changes.v1";
    /** One record per notification attempt and receiver, keyed by alert id; notify → audit. */
    public static final String DELIVERIES = "vigil.deliveries.v1";
    /**
     * Deliveries whose last attempt failed ({@link DeliveryOutcome#DEAD_LETTERED}), keyed by alert id; notify →
     * operators.
     */
    public static final String NOTIFY_DLQ = "vigil.notify.dlq.v1";

    /** Every topic above, in pipeline order. */
    public static final List<String> ALL = List.of(EVENTS, INGEST_DLQ, ALERTS, COMPLIANCE, RULE_CHANGES, DELIVERIES);

    private Topics() {
    }
}
