package io.vigil.notify.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes ledger rows to {@code vigil.deliveries.v1} (and dead letters also to {@code vigil.notify.dlq.v1}) keyed
 * by alert id, waiting for the broker's acknowledgements, and counts them as
 * {@code vigil.notify.deliveries{receiver,kind,outcome}}.
 */
@ApplicationScoped
public class DeliveryPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<Delivery> deliveries;
    private final MutinyEmitter<Delivery> deadLetters;
    private final MeterRegistry registry;

    public DeliveryPublisher(@Channel("deliveries") MutinyEmitter<Delivery> deliveries,
            @Channel("dead-letters") MutinyEmitter<Delivery> deadLetters, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /**
     * Publishes and waits until every record was acknowledged.
     *
     * @throws RuntimeException when a record was not acknowledged in time; the rows stay unpublished
     */
    public void publish(List<LedgerEntry> entries) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            Delivery delivery = entry.delivery();
            acks.add(deliveries.sendMessage(KafkaRecord.of(delivery.alertId(), delivery))
                    .subscribeAsCompletionStage());
            if (delivery.outcome() == DeliveryOutcome.DEAD_LETTERED) {
                acks.add(deadLetters.sendMessage(KafkaRecord.of(delivery.alertId(), delivery))
                        .subscribeAsCompletionStage());
            }
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing deliveries", e);
        } catch (Exception e) {
            throw new IllegalStateException("Deliveries not acknowledged by Kafka: " + e.getMessage(), e);
        }
        for (LedgerEntry entry : entries) {
            Delivery delivery = entry.delivery();
            registry.counter("vigil.notify.deliveries", "receiver", delivery.receiver(), "kind",
                    delivery.receiverKind(), "outcome", delivery.outcome().name().toLowerCase(Locale.ROOT))
                    .increment();
        }
    }
}
