package io.vigil.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.vigil.audit.evidence.EvidenceRecord;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One piece of evidence as the API returns it.
 *
 * @param seq the store's sequence number: ascending in insertion order; the paging cursor
 * @param kind {@code event}, {@code dead_letter}, {@code alert}, {@code compliance}, {@code rule_change} or
 *        {@code delivery}
 * @param id the message's id, unique per kind
 * @param key the Kafka record key (account id, alert fingerprint, alert id, ...); nullable
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param producedAt the message's producedAt; nullable
 * @param recordedAt when the audit-service stored it
 * @param payload the message itself, as JSON
 */
@Schema(name = "Evidence", description = "One stored message")
@JsonPropertyOrder({"seq", "kind", "id", "key", "topic", "partition", "offset", "producedAt", "recordedAt",
    "payload"})
public record EvidenceView(
        long seq,
        @Schema(enumeration = {"event", "dead_letter", "alert", "compliance", "rule_change", "delivery"})
        String kind,
        String id,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) String key,
        String topic,
        int partition,
        long offset,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Instant producedAt,
        Instant recordedAt,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The message as received, as JSON")
        String payload) {

    static EvidenceView of(EvidenceRecord record) {
        return new EvidenceView(record.seq(), record.kind(), record.evidenceId(), record.messageKey(),
                record.topic(), record.kafkaPartition(), record.kafkaOffset(), record.producedAt(),
                record.recordedAt(), record.payload());
    }
}
