package io.vigil.notify.kafka;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;

/**
 * Registers the contract types Jackson reads and writes on Kafka for reflection in a native image; event-contract
 * stays free of framework annotations.
 */
@RegisterForReflection(targets = {Alert.class, NormalizedEvent.class, Actor.class, Action.class, ResourceRef.class,
        Origin.class, EventClass.class, Outcome.class, Severity.class, Delivery.class, DeliveryOutcome.class})
final class ContractReflection {

    private ContractReflection() {
    }
}
