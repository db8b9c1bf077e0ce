package io.vigil.rules.kafka;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.rules.compliance.ComplianceStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes every Config evaluation for audit to {@code vigil.compliance.v1} (channel {@code compliance}, keyed by
 * resource ARN) and as the latest state to the compacted state topic (channel {@code compliance-state}, keyed by
 * rule and resource). Both block until the broker acknowledged.
 */
@ApplicationScoped
class CompliancePublisher {

    private final MutinyEmitter<ComplianceEvaluation> audit;
    private final MutinyEmitter<ComplianceEvaluation> state;

    @Inject
    CompliancePublisher(@Channel("compliance") MutinyEmitter<ComplianceEvaluation> audit,
            @Channel("compliance-state") MutinyEmitter<ComplianceEvaluation> state) {
        this.audit = audit;
        this.state = state;
    }

    void publish(ComplianceEvaluation evaluation) {
        audit.sendMessageAndAwait(Message.of(evaluation).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(evaluation.resourceArn())
                .build()));
        state.sendMessageAndAwait(Message.of(evaluation).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(ComplianceStateStore.key(evaluation.ruleId(), evaluation.resourceArn()))
                .build()));
    }
}
