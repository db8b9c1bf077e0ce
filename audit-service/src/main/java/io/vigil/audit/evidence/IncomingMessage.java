package io.vigil.audit.evidence;

/**
 * A consumed Kafka record as the evidence store sees it, before parsing.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param key the record key; nullable
 * @param value the record value; nullable for a tombstone
 */
record IncomingMessage(String topic, int partition, long offset, String key, byte[] value) {

    /** @return the parsed form, or the reason it cannot be stored */
    ParseResult parse() {
        return EvidenceParser.parse(this);
    }
}
