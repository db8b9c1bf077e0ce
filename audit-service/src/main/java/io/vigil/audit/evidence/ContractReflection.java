package io.vigil.audit.evidence;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.RuleChange;
import io.vigil.contract.RuleChangeType;
import io.vigil.contract.Severity;

/** Contract types Jackson reads in the Kafka consumer (outside REST), registered for reflection in native images. */
@RegisterForReflection(targets = {
        NormalizedEvent.class, Actor.class, Action.class, ResourceRef.class, Origin.class, EventClass.class,
        Outcome.class, Severity.class,
        DeadLetter.class, DeadLetterReason.class,
        Alert.class,
        ComplianceEvaluation.class, ComplianceStatus.class,
        RuleChange.class, RuleChangeType.class,
        Delivery.class, DeliveryOutcome.class
})
final class ContractReflection {

    private ContractReflection() {
    }
}
