package io.vigil.audit.evidence;

/**
 * One piece of evidence about to be chained and appended.
 *
 * @param kind what it is
 * @param sourceId the message's (or access's) own stable id; unique per kind
 * @param key the Kafka record key; nullable
 * @param chain the chain it goes to: {@code <topic>/<partition>} for Kafka input, {@code api-access} for API accesses
 * @param offset the Kafka offset; null for evidence not read from Kafka
 * @param descriptor its searchable facts
 * @param payloadJson the message as received (JSON text), to be stored as {@code jsonb}
 */
public record NewEvidence(EvidenceKind kind, String sourceId, String key, String chain, Long offset,
        EvidenceDescriptor descriptor, String payloadJson) {

    /** @return the chain id of a Kafka topic partition, e.g. {@code vigil.events.v1/0} */
    public static String chainOf(String topic, int partition) {
        return topic + "/" + partition;
    }
}
