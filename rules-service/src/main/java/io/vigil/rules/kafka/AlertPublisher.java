package io.vigil.rules.kafka;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vigil.contract.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes alerts to {@code vigil.alerts.v1} (channel {@code alerts}), keyed by fingerprint. */
@ApplicationScoped
class AlertPublisher {

    private final MutinyEmitter<Alert> emitter;

    @Inject
    AlertPublisher(@Channel("alerts") MutinyEmitter<Alert> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the alert and blocks until the broker acknowledged it ({@code acks=all}).
     *
     * @throws RuntimeException when the broker refused the record or did not answer within the producer's
     *         {@code delivery.timeout.ms}
     */
    void publish(Alert alert) {
        Message<Alert> message = Message.of(alert).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(alert.fingerprint())
                .build());
        emitter.sendMessageAndAwait(message);
    }
}
