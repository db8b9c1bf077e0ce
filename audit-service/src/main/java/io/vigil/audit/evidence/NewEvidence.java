package io.vigil.audit.evidence;

import java.time.Instant;

/**
 * One evidence row about to be appended.
 *
 * @param kind what it is
 * @param id the message's own stable id; unique per kind
 * @param key the Kafka record key; nullable
 * @param topic source topic
 * @param partition source partition (issue 6 chains evidence per input partition)
 * @param offset source offset
 * @param producedAt the message's {@code producedAt}; nullable when the producer left it out
 * @param recordedAt when the audit-service stored it
 * @param payloadJson the message as received (JSON text), to be stored as {@code jsonb}
 */
record NewEvidence(EvidenceKind kind, String id, String key, String topic, int partition, long offset,
        Instant producedAt, Instant recordedAt, String payloadJson) {
}
