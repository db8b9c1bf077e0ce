package io.vigil.rules.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vigil.contract.Alert;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.ComplianceStatus;
import io.vigil.rules.alert.AlertFactory;
import io.vigil.rules.compliance.ComplianceEvaluations;
import io.vigil.rules.compliance.ComplianceStateStore;
import io.vigil.rules.compliance.ComplianceTransitions;
import io.vigil.rules.dialect.ComplianceResult;
import io.vigil.rules.engine.RuleEngine;
import io.vigil.rules.engine.RuleEngine.ComplianceVerdict;
import io.vigil.rules.engine.RuleEngine.Evaluation;
import io.vigil.rules.engine.RuleEngine.RuleFailure;
import io.vigil.rules.model.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code vigil.events.v1} (channel {@code events}), evaluates every enabled rule on each event and publishes
 * one alert per matching rule. Config rule verdicts are published for audit; a resource becoming NON_COMPLIANT
 * raises an alert. The incoming record is acknowledged, and so its offset may be committed, only after
 * every alert was acknowledged by the broker. A record that is not a {@link NormalizedEvent} is skipped, logged and
 * counted; a failure to publish fails the channel (its offset stays uncommitted, the record is redelivered).
 */
@ApplicationScoped
class EventConsumer {

    private static final Logger LOGGER = Logger.getLogger(EventConsumer.class);
    static final String SKIPPED = "vigil.rules.events.skipped";
    static final String EVALUATIONS = "vigil.rules.evaluations";
    static final String ALERTS = "vigil.rules.alerts";
    static final String RULE_ERRORS = "vigil.rules.rule.errors";
    static final String EVALUATIONS_COMPLIANCE = "vigil.rules.compliance.evaluations";
    static final String REASON_NOT_AN_EVENT = "not-a-normalized-event";
    static final String REASON_NULL_VALUE = "null-value";

    private final RuleEngine engine;
    private final AlertFactory alerts;
    private final AlertPublisher publisher;
    private final ComplianceEvaluations complianceEvaluations;
    private final CompliancePublisher compliance;
    private final ComplianceStateStore states;
    private final MeterRegistry registry;
    private final Counter evaluations;

    @Inject
    EventConsumer(RuleEngine engine, AlertFactory alerts, AlertPublisher publisher,
            ComplianceEvaluations complianceEvaluations,
            CompliancePublisher compliance, ComplianceStateStore states, MeterRegistry registry) {
        this.engine = engine;
        this.alerts = alerts;
        this.publisher = publisher;
        this.complianceEvaluations = complianceEvaluations;
        this.compliance = compliance;
        this.states = states;
        this.registry = registry;
        this.evaluations = Counter.builder(EVALUATIONS)
                .description("Events evaluated against all enabled rules")
                .register(registry);
    }

    @Incoming("events")
    @Blocking
    CompletionStage<Void> consume(Message<NormalizedEvent> message) {
        NormalizedEvent event = message.getPayload();
        if (event == null) {
            boolean failed = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> m.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))
                    .isPresent();
            skip(message, failed ? REASON_NOT_AN_EVENT : REASON_NULL_VALUE);
            return message.ack();
        }
        Evaluation evaluation = engine.evaluate(event);
        evaluations.increment();
        for (RuleFailure failure : evaluation.failures()) {
            LOGGER.warnf("Rule failed on an event and counts as not matched: ruleId=%s eventId=%s error=%s",
                    failure.rule().id(), event.id(), failure.error().toString());
            registry.counter(RULE_ERRORS, "rule", failure.rule().id()).increment();
        }
        for (Rule rule : evaluation.matched()) {
            raise(rule, event, alerts.create(rule, event));
        }
        for (ComplianceVerdict verdict : evaluation.verdicts()) {
            comply(verdict, event);
        }
        return message.ack();
    }

    private void raise(Rule rule, NormalizedEvent event, Alert alert) {
        publisher.publish(alert);
        registry.counter(ALERTS, "rule", rule.id()).increment();
        LOGGER.infof("Alert raised: ruleId=%s alertId=%s fingerprint=%s eventId=%s accountId=%s", rule.id(),
                alert.id(), alert.fingerprint(), event.id(), event.accountId());
    }

    /**
     * Alert first, then the audit record and the durable state: if the service stops in between, the redelivered
     * event finds the old state and raises the same alert (same id) again rather than none.
     */
    private void comply(ComplianceVerdict verdict, NormalizedEvent event) {
        Rule rule = verdict.rule();
        ComplianceResult result = verdict.result();
        ComplianceStatus previous = states.status(rule.id(), result.resourceArn());
        if (ComplianceTransitions.raisesAlert(previous, result.status())) {
            raise(rule, event, alerts.nonCompliant(rule, event, result));
        }
        compliance.publish(complianceEvaluations.create(rule, event, result));
        states.put(rule.id(), result.resourceArn(), result.status());
        registry.counter(EVALUATIONS_COMPLIANCE, "rule", rule.id(), "status", result.status().name()).increment();
    }

    private void skip(Message<NormalizedEvent> message, String reason) {
        var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
        LOGGER.warnf("Skipped a record on the events topic: topic=%s partition=%s offset=%s reason=%s",
                metadata.map(IncomingKafkaRecordMetadata::getTopic).orElse("?"),
                metadata.map(m -> String.valueOf(m.getPartition())).orElse("?"),
                metadata.map(m -> String.valueOf(m.getOffset())).orElse("?"),
                reason);
        registry.counter(SKIPPED, "reason", reason).increment();
    }
}
