package io.vigil.rules.compliance;

import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.StableIds;
import io.vigil.rules.dialect.ComplianceResult;
import io.vigil.rules.model.Rule;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the audit record of a Config verdict. Thread-safe. */
@Singleton
public class ComplianceEvaluations {

    private final Clock clock;

    @Inject
    public ComplianceEvaluations(Clock clock) {
        this.clock = clock;
    }

    /** @return the evaluation; its id is stable for the rule, resource and evaluated configuration state */
    public ComplianceEvaluation create(Rule rule, NormalizedEvent event, ComplianceResult result) {
        String state = result.configurationStateId() != null ? result.configurationStateId() : event.id();
        return new ComplianceEvaluation(
                ComplianceEvaluation.SCHEMA_VERSION,
                StableIds.of(rule.id(), result.resourceArn(), state),
                clock.instant(),
                rule.id(),
                result.resourceArn(),
                result.resourceType(),
                event.accountId(),
                event.region(),
                result.status(),
                result.annotation(),
                result.capturedAt() != null ? result.capturedAt() : event.time(),
                event.id());
    }
}
