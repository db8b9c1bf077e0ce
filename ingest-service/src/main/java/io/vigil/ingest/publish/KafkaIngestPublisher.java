package io.vigil.ingest.publish;

import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Topics;
import io.vigil.ingest.dedup.DedupTopology;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes with a plain Kafka producer configured for acks=all and idempotence (see {@link ProducerFactory}).
 * With de-duplication on, events go to {@link DedupTopology#CANDIDATES_TOPIC} keyed by their stable id (the account
 * id rides in a header); off, straight to {@link Topics#EVENTS} keyed by account id.
 */
public class KafkaIngestPublisher implements IngestPublisher {

    private final Producer<String, byte[]> producer;
    private final boolean viaDedup;

    public KafkaIngestPublisher(Producer<String, byte[]> producer, boolean viaDedup) {
        this.producer = producer;
        this.viaDedup = viaDedup;
    }

    @Override
    public CompletableFuture<Void> publishEvents(List<NormalizedEvent> events) {
        CompletableFuture<?>[] acks = events.stream()
                .map(this::eventRecord)
                .map(this::send)
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }

    @Override
    public CompletableFuture<Void> publishDeadLetter(DeadLetter deadLetter) {
        String key = deadLetter.origin() != null && deadLetter.origin().messageId() != null
                ? deadLetter.origin().messageId()
                : deadLetter.id();
        return send(new ProducerRecord<>(Topics.INGEST_DLQ, key, ContractJson.write(deadLetter)));
    }

    private ProducerRecord<String, byte[]> eventRecord(NormalizedEvent event) {
        byte[] value = ContractJson.write(event);
        if (!viaDedup) {
            return new ProducerRecord<>(Topics.EVENTS, event.accountId(), value);
        }
        ProducerRecord<String, byte[]> candidate = new ProducerRecord<>(DedupTopology.CANDIDATES_TOPIC, event.id(),
                value);
        candidate.headers().add(DedupTopology.ACCOUNT_HEADER, event.accountId().getBytes(StandardCharsets.UTF_8));
        return candidate;
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
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
