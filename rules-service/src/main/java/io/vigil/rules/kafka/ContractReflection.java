package io.vigil.rules.kafka;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.ContractDeserializer;
import io.vigil.contract.ContractSerializer;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;

/**
 * Registers for reflection, in a native image, the contract types Jackson reads and writes on the Kafka channels,
 * and the (de)serializers Kafka instantiates by class name. Kept here so {@code event-contract} stays framework-free.
 */
@RegisterForReflection(targets = {
        NormalizedEvent.class, Alert.class, Actor.class, Action.class, ResourceRef.class, Origin.class,
        EventClass.class, Outcome.class, Severity.class, ComplianceEvaluation.class, ComplianceStatus.class,
        ContractSerializer.class, ContractDeserializer.NormalizedEvents.class
})
final class ContractReflection {

    private ContractReflection() {
    }
}
