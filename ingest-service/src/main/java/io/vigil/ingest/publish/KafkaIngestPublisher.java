package io.vigil.ingest.publish;

import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Topics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes with a plain Kafka producer configured for acks=all and idempotence (see {@link ProducerFactory}). */
public class KafkaIngestPublisher implements IngestPublisher {

    private final Producer<String, byte[]> producer;

    public KafkaIngestPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public CompletableFuture<Void> publishEvents(List<NormalizedEvent> events) {
        CompletableFuture<?>[] acks = events.stream()
                .map(event -> send(Topics.EVENTS, event.accountId(), event))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }

    @Override
    public CompletableFuture<Void> publishDeadLetter(DeadLetter deadLetter) {
        String key = deadLetter.origin() != null && deadLetter.origin().messageId() != null
                ? deadLetter.origin().messageId()
                : deadLetter.id();
        return send(Topics.INGEST_DLQ, key, deadLetter);
    }

    private CompletableFuture<Void> send(String topic, String key, Object message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, ContractJson.write(message)), (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // send() throws when metadata cannot be fetched within max.block.ms (Kafka unreachable)
            ack.completeExceptionally(e);
        }
        return ack;
    }
}
