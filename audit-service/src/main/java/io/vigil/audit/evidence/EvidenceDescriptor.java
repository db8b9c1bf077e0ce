package io.vigil.audit.evidence;

import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.Delivery;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.RuleChange;
import java.time.Instant;
import java.util.List;

/**
 * The searchable facts of a piece of evidence, taken from its message: stored in their own columns, hashed into the
 * chain link with the payload, and filtered on by the auditors' API.
 *
 * @param id the message's id
 * @param occurredAt when it happened: event time, alert window end, evaluation, change or delivery time; nullable
 * @param account the AWS account; nullable
 * @param region the AWS region; nullable
 * @param controls the compliance controls (alerts); never null
 * @param rule the rule id; nullable
 * @param actor who acted: the event's IAM ARN (or user name), the rule change's author; nullable
 * @param eventName the event's API operation, e.g. {@code StopLogging}; nullable
 */
public record EvidenceDescriptor(String id, Instant occurredAt, String account, String region, List<String> controls,
        String rule, String actor, String eventName) {

    public EvidenceDescriptor {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** @return the facts of a contract message */
    static EvidenceDescriptor of(Object message) {
        return switch (message) {
            case NormalizedEvent event -> new EvidenceDescriptor(event.id(), orElse(event.time(), event.producedAt()),
                    event.accountId(), event.region(), List.of(), null, actor(event.actor()),
                    event.action() == null ? null : event.action().operation());
            case DeadLetter deadLetter -> new EvidenceDescriptor(deadLetter.id(),
                    orElse(deadLetter.receivedAt(), deadLetter.producedAt()), null, null, List.of(), null, null, null);
            case Alert alert -> new EvidenceDescriptor(alert.id(), orElse(alert.windowEnd(), alert.producedAt()),
                    alert.accountId(), alert.region(), alert.controls(), alert.ruleId(), null, null);
            case ComplianceEvaluation evaluation -> new EvidenceDescriptor(evaluation.id(),
                    orElse(evaluation.evaluatedAt(), evaluation.producedAt()), evaluation.accountId(),
                    evaluation.region(), List.of(), evaluation.ruleId(), null, null);
            case RuleChange change -> new EvidenceDescriptor(change.id(), orElse(change.changedAt(),
                    change.producedAt()), null, null, List.of(), change.ruleId(), change.changedBy(), null);
            case Delivery delivery -> new EvidenceDescriptor(delivery.id(),
                    orElse(delivery.attemptedAt(), delivery.producedAt()), null, null, List.of(), delivery.ruleId(),
                    null, null);
            default -> throw new IllegalStateException("No descriptor for " + message.getClass().getSimpleName());
        };
    }

    private static String actor(Actor actor) {
        if (actor == null) {
            return null;
        }
        return actor.arn() != null ? actor.arn() : actor.userName();
    }

    private static Instant orElse(Instant first, Instant second) {
        return first != null ? first : second;
    }
}
