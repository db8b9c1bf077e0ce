package io.vigil.ingest.publish;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;

/**
 * Registers the contract records this service serializes with Jackson outside REST for reflection in a native image
 * (the contract module stays framework-free).
 */
@RegisterForReflection(targets = {NormalizedEvent.class, Actor.class, Action.class, ResourceRef.class, Origin.class,
        EventClass.class, Outcome.class, Severity.class, DeadLetter.class, DeadLetterReason.class})
final class ContractReflection {

    private ContractReflection() {
    }
}
