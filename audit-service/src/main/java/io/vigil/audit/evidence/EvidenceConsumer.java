package io.vigil.audit.evidence;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every Vigil topic (channel {@value #CHANNEL}) into the evidence store.
 *
 * <p>Guarantees: the record is acknowledged only after this method returns, that is after the database transaction
 * committed, so its offset is committed only then; a redelivered record is stored once. A record that is not a valid
 * contract message is skipped with a WARN and the counter {@code vigil.audit.records.skipped}; the consumer goes on.
 * A database failure fails the channel (failure-strategy {@code fail}), which turns health DOWN; after a restart the
 * uncommitted records are consumed again.
 */
@ApplicationScoped
class EvidenceConsumer {

    static final String CHANNEL = "evidence";
    private static final Logger LOGGER = Logger.getLogger(EvidenceConsumer.class);

    private final EvidenceRepository repository;
    private final EvidenceMetrics metrics;
    private final Clock clock;

    EvidenceConsumer(EvidenceRepository repository, EvidenceMetrics metrics, Clock clock) {
        this.repository = repository;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    void consume(ConsumerRecord<String, byte[]> record) {
        IncomingMessage message = new IncomingMessage(record.topic(), record.partition(), record.offset(),
                record.key(), record.value());
        ParseResult result = message.parse(clock.instant());
        if (!result.isAccepted()) {
            LOGGER.warnf("Skipped a record that is not valid evidence: topic=%s partition=%d offset=%d reason=%s "
                    + "detail=%s", record.topic(), record.partition(), record.offset(), result.skipReason(),
                    result.detail());
            metrics.skipped(record.topic(), result.skipReason());
            return;
        }
        NewEvidence evidence = result.evidence();
        if (repository.append(evidence)) {
            metrics.stored(evidence.kind());
        } else {
            LOGGER.debugf("Evidence already stored: kind=%s id=%s topic=%s partition=%d offset=%d",
                    evidence.kind().wireName(), evidence.id(), record.topic(), record.partition(), record.offset());
            metrics.duplicate(evidence.kind());
        }
    }
}
