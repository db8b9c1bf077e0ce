package io.vigil.rules.alert;

import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.rules.dialect.ComplianceResult;
import io.vigil.rules.model.Rule;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Builds the alert for one rule matching one event.
 *
 * <p>The alert id is derived from the rule and the event, so re-evaluating the same event yields the same id. The
 * group key is the rule's dedup key template rendered on the event (by default the account); the fingerprint (the
 * Kafka key) is derived from the rule and the group key, so repeats share it. Findings pass-through rules
 * ({@code useEventSeverity}) take the finding's own severity. Thread-safe.
 */
@Singleton
public class AlertFactory {

    private final Clock clock;

    @Inject
    public AlertFactory(Clock clock) {
        this.clock = clock;
    }

    /** @return the single-event alert for {@code rule} matching {@code event} */
    public Alert create(Rule rule, NormalizedEvent event) {
        return create(rule, event, summary(event));
    }

    /**
     * @return the alert for a Config rule whose verdict on the resource changed to non-compliant; its summary names
     *         the resource, the rule's annotation, account and region
     */
    public Alert nonCompliant(Rule rule, NormalizedEvent event, ComplianceResult result) {
        String line = result.resourceType() + " " + result.resourceArn() + " became NON_COMPLIANT: "
                + result.annotation() + " (account " + event.accountId()
                + (event.region() != null ? ", " + event.region() : "") + ")";
        return create(rule, event, line);
    }

    private Alert create(Rule rule, NormalizedEvent event, String summary) {
        Instant now = clock.instant();
        String groupKey = rule.dedupKey().render(event);
        Instant time = event.time() != null ? event.time() : now;
        Severity severity = rule.useEventSeverity() && event.severity() != null ? event.severity() : rule.severity();
        return new Alert(
                Alert.SCHEMA_VERSION,
                StableIds.of(rule.id(), event.id()),
                now,
                StableIds.of(rule.id(), groupKey),
                rule.id(),
                rule.title(),
                rule.dialect(),
                severity,
                rule.controls(),
                rule.tags(),
                groupKey,
                summary,
                event.accountId(),
                event.region(),
                time,
                time,
                1,
                List.of(event),
                0,
                rule.runbookUrl());
    }

    /**
     * One line for humans: who did what to which resource, from where, in which account and region, e.g.
     * {@code arn:aws:iam::111122223333:user/alice called cloudtrail.amazonaws.com StopLogging on
     * arn:aws:cloudtrail:us-east-1:111122223333:trail/main from 203.0.113.7 in account 111122223333 (us-east-1)}.
     * Parts the event does not have are left out.
     */
    static String summary(NormalizedEvent event) {
        StringBuilder line = new StringBuilder(actor(event.actor()));
        Action action = event.action();
        if (action != null && (action.service() != null || action.operation() != null)) {
            line.append(" called");
            if (action.service() != null) {
                line.append(' ').append(action.service());
            }
            if (action.operation() != null) {
                line.append(' ').append(action.operation());
            }
            if (action.errorCode() != null) {
                line.append(" (failed: ").append(action.errorCode()).append(')');
            }
        } else {
            line.append(" caused a ").append(event.sourceKind()).append(" event");
        }
        List<ResourceRef> resources = event.resources();
        if (!resources.isEmpty()) {
            line.append(" on ").append(resource(resources.getFirst()));
            if (resources.size() > 1) {
                line.append(" and ").append(resources.size() - 1).append(" more");
            }
        }
        if (event.sourceIp() != null && !event.sourceIp().isBlank()) {
            line.append(" from ").append(event.sourceIp());
        }
        line.append(" in account ").append(event.accountId());
        if (event.region() != null && !event.region().isBlank()) {
            line.append(" (").append(event.region()).append(')');
        }
        return line.toString();
    }

    private static String actor(Actor actor) {
        if (actor == null) {
            return "An unknown principal";
        }
        if (actor.arn() != null && !actor.arn().isBlank()) {
            return actor.arn();
        }
        if (actor.userName() != null && !actor.userName().isBlank()) {
            return actor.type() != null ? actor.type() + " " + actor.userName() : actor.userName();
        }
        if (actor.invokedBy() != null && !actor.invokedBy().isBlank()) {
            return actor.invokedBy();
        }
        return actor.type() != null ? "An unnamed " + actor.type() + " principal" : "An unknown principal";
    }

    private static String resource(ResourceRef resource) {
        if (resource.arn() != null && !resource.arn().isBlank()) {
            return resource.arn();
        }
        if (resource.name() != null && !resource.name().isBlank()) {
            return resource.type() != null ? resource.type() + " " + resource.name() : resource.name();
        }
        return resource.type() != null ? "a " + resource.type() : "an unnamed resource";
    }
}
