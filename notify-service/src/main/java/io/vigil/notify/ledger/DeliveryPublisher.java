package io.vigil.notify.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vigil.contract.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes each delivery attempt to {@code vigil.deliveries.v1} keyed by alert id, completing on the broker's
 * acknowledgement, and counts it as {@code vigil.notify.deliveries{receiver,kind,outcome}}.
 */
@ApplicationScoped
public class DeliveryPublisher implements DeliveryLedger {

    private final MutinyEmitter<Delivery> emitter;
    private final MeterRegistry registry;

    public DeliveryPublisher(@Channel("deliveries") MutinyEmitter<Delivery> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    @Override
    public CompletionStage<Void> record(Delivery delivery) {
        return emitter.sendMessage(KafkaRecord.of(delivery.alertId(), delivery))
                .subscribeAsCompletionStage()
                .thenRun(() -> registry.counter("vigil.notify.deliveries",
                        "receiver", delivery.receiver(),
                        "kind", delivery.receiverKind(),
                        "outcome", delivery.outcome().name().toLowerCase(Locale.ROOT)).increment());
    }
}
