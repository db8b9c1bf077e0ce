package io.vigil.ingest.sqs;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contract.DeadLetterReason;
import jakarta.enterprise.context.ApplicationScoped;

/** The service's counters, named {@code vigil.ingest.*}. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A message was handed to Kafka and deleted ({@code outcome=published|dead_lettered}) or left ({@code failed}). */
    void message(String queue, String outcome) {
        registry.counter("vigil.ingest.messages", "queue", queue, "outcome", outcome).increment();
    }

    /** Events published, per source kind. */
    void events(String sourceKind, int count) {
        registry.counter("vigil.ingest.events", "source_kind", sourceKind).increment(count);
    }

    /** A published event carried a caveat, counted by its code (the text before the first colon). */
    void caveat(String caveat) {
        int colon = caveat.indexOf(':');
        registry.counter("vigil.ingest.event.caveats", "caveat", colon < 0 ? caveat : caveat.substring(0, colon))
                .increment();
    }

    /** A dead letter was written. */
    void deadLetter(DeadLetterReason reason) {
        registry.counter("vigil.ingest.dead.letters", "reason", reason.name()).increment();
    }

    /** The visibility of messages still being worked on was extended. */
    void visibilityExtended(String queue, int messages) {
        registry.counter("vigil.ingest.sqs.visibility.extensions", "queue", queue).increment(messages);
    }

    /** A poller paused because Kafka did not acknowledge. */
    void kafkaPause(String queue) {
        registry.counter("vigil.ingest.kafka.pauses", "queue", queue).increment();
    }

    /** A receive or delete call to SQS failed. */
    void sqsError(String queue, String operation) {
        registry.counter("vigil.ingest.sqs.errors", "queue", queue, "operation", operation).increment();
    }
}
