package io.vigil.audit.evidence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The evidence store's counters. */
@ApplicationScoped
class EvidenceMetrics {

    static final String STORED = "vigil.audit.evidence.stored";
    static final String DUPLICATES = "vigil.audit.evidence.duplicates";
    static final String SKIPPED = "vigil.audit.records.skipped";

    private final MeterRegistry registry;

    EvidenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void stored(EvidenceKind kind) {
        Counter.builder(STORED).description("Evidence records appended to the store")
                .tag("kind", kind.wireName()).register(registry).increment();
    }

    void duplicate(EvidenceKind kind) {
        Counter.builder(DUPLICATES).description("Redelivered messages that were already stored")
                .tag("kind", kind.wireName()).register(registry).increment();
    }

    void skipped(String topic, String reason) {
        Counter.builder(SKIPPED).description("Consumed records that could not be stored as evidence")
                .tag("topic", topic).tag("reason", reason).register(registry).increment();
    }
}
