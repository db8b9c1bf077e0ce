package io.vigil.audit.evidence;

import io.smallrye.common.annotation.Blocking;
import io.vigil.audit.chain.AppendResult;
import io.vigil.audit.chain.AppendedLink;
import io.vigil.audit.chain.ChainAppender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every Vigil topic (channel {@value #CHANNEL}, batch mode) into the evidence store, one transaction per
 * polled batch.
 *
 * <p>Guarantees: a batch is acknowledged only after its transaction committed, so offsets are committed only then;
 * a redelivered record is stored once (see {@link ChainAppender}). A record that is not a valid contract message is
 * not lost: it is logged at WARN, counted in {@code vigil.audit.records.skipped} (by topic and reason) and appended
 * in its place as {@code malformed} evidence ({@link MalformedEvidence}); the consumer goes on. A database failure
 * fails the channel (failure-strategy {@code fail}), which turns health DOWN; after a restart the uncommitted
 * records are consumed again.
 */
@ApplicationScoped
class EvidenceConsumer {

    static final String CHANNEL = "evidence";
    private static final Logger LOGGER = Logger.getLogger(EvidenceConsumer.class);

    private final ChainAppender appender;
    private final EvidenceMetrics metrics;

    EvidenceConsumer(ChainAppender appender, EvidenceMetrics metrics) {
        this.appender = appender;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    void consume(ConsumerRecords<String, byte[]> records) {
        List<NewEvidence> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            IncomingMessage message = new IncomingMessage(record.topic(), record.partition(), record.offset(),
                    record.key(), record.value());
            ParseResult result = message.parse();
            if (result.isAccepted()) {
                batch.add(result.evidence());
            } else {
                LOGGER.warnf("Record is not a valid contract message, stored as malformed evidence: topic=%s "
                        + "partition=%d offset=%d reason=%s detail=%s", record.topic(), record.partition(),
                        record.offset(), result.skipReason(), result.detail());
                metrics.skipped(record.topic(), result.skipReason());
                batch.add(MalformedEvidence.of(message,
                        record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()),
                        result.skipReason(), result.detail()));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        AppendResult result = appender.append(batch);
        for (AppendedLink link : result.appended()) {
            metrics.stored(link.evidence().kind());
        }
        for (NewEvidence duplicate : result.duplicates()) {
            LOGGER.debugf("Evidence already stored: kind=%s id=%s chain=%s offset=%s",
                    duplicate.kind().wireName(), duplicate.sourceId(), duplicate.chain(), duplicate.offset());
            metrics.duplicate(duplicate.kind());
        }
    }
}
