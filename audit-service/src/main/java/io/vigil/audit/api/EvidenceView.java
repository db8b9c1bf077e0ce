package io.vigil.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.vigil.audit.evidence.EvidenceRecord;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One piece of evidence as the API returns it.
 *
 * @param position the store's global insertion order; the paging cursor
 * @param kind {@code event}, {@code dead_letter}, {@code alert}, {@code compliance}, {@code rule_change},
 *        {@code delivery} or {@code api_access}
 * @param id the message's (or access's) id, unique per kind
 * @param key the Kafka record key; nullable
 * @param chain its chain link
 * @param offset the Kafka offset; nullable
 * @param occurredAt when it happened; nullable
 * @param recordedAt when the audit-service recorded it
 * @param account the AWS account; nullable
 * @param region the AWS region; nullable
 * @param controls the controls it evidences
 * @param rule the rule id; nullable
 * @param actor who acted; nullable
 * @param eventName the API operation; nullable
 * @param payload the message itself, as JSON
 */
@Schema(name = "Evidence", description = "One stored piece of evidence and its chain link")
@JsonPropertyOrder({"position", "kind", "id", "key", "chain", "offset", "occurredAt", "recordedAt", "account",
        "region", "controls", "rule", "actor", "eventName", "payload"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvidenceView(
        long position,
        String kind,
        String id,
        @Schema(nullable = true) String key,
        LinkView chain,
        @Schema(nullable = true) Long offset,
        @Schema(nullable = true) Instant occurredAt,
        Instant recordedAt,
        @Schema(nullable = true) String account,
        @Schema(nullable = true) String region,
        List<String> controls,
        @Schema(nullable = true) String rule,
        @Schema(nullable = true) String actor,
        @Schema(nullable = true) String eventName,
        @JsonRawValue @Schema(type = SchemaType.OBJECT,
                description = "The message as received, as JSON") String payload) {

    static EvidenceView of(EvidenceRecord record) {
        return new EvidenceView(record.position(), record.kind(), record.sourceId(), record.messageKey(),
                LinkView.of(record.link()), record.kafkaOffset(), record.occurredAt(), record.recordedAt(),
                record.account(), record.region(), record.controls(), record.rule(), record.actor(),
                record.eventName(), record.payload());
    }
}
