package io.vigil.audit.evidence;

import io.vigil.contract.Alert;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.Delivery;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.RuleChange;
import io.vigil.contract.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a piece of evidence is, one per topic the audit-service reads. The {@link #wireName()} is the value stored in
 * the {@code kind} column and used by the API.
 */
public enum EvidenceKind {

    EVENT("event", Topics.EVENTS, NormalizedEvent.class), DEAD_LETTER("dead_letter", Topics.INGEST_DLQ,
            DeadLetter.class), ALERT("alert", Topics.ALERTS, Alert.class), COMPLIANCE("compliance", Topics.COMPLIANCE,
                    ComplianceEvaluation.class), RULE_CHANGE("rule_change", Topics.RULE_CHANGES,
                            RuleChange.class), DELIVERY("delivery", Topics.DELIVERIES, Delivery.class),
    /** An access to the auditors' API (not read from Kafka): who, what, when, and the outcome. */
    API_ACCESS("api_access", null, null),
    /**
     * A record on one of the input topics that is not a valid contract message, kept as it arrived with its
     * coordinates and the reason (see {@link MalformedEvidence}).
     */
    MALFORMED("malformed", null, null);

    private final String wireName;
    private final String topic;
    private final Class<?> contractType;

    EvidenceKind(String wireName, String topic, Class<?> contractType) {
        this.wireName = wireName;
        this.topic = topic;
        this.contractType = contractType;
    }

    /** @return the name in the database and the API, e.g. {@code dead_letter} */
    public String wireName() {
        return wireName;
    }

    /** @return the topic this kind of evidence is read from; null for {@link #API_ACCESS} and {@link #MALFORMED} */
    public String topic() {
        return topic;
    }

    Class<?> contractType() {
        return contractType;
    }

    /** @return the kind with this wire name, or empty for an unknown name */
    public static Optional<EvidenceKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }

    /** @return every wire name, in declaration order */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EvidenceKind::wireName).toList();
    }

    static Optional<EvidenceKind> ofTopic(String topic) {
        return Arrays.stream(values()).filter(kind -> topic.equals(kind.topic)).findFirst();
    }
}
