package io.vigil.audit.evidence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.audit.verifier.CanonicalTime;
import io.vigil.contract.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Evidence of kind {@code malformed}: a consumed record that is not a valid contract message, kept with its
 * coordinates, key, the reason and its raw bytes, on the chain of its topic partition like every other record. Its
 * source id is {@code <topic>:<partition>:<offset>}, so a replay of the record is not stored twice. None of its
 * content is trusted, so no searchable fact but the time is taken from it: the key is in the payload only.
 */
final class MalformedEvidence {

    /** {@code rawEncoding} when the value is valid UTF-8 without U+0000, which {@code jsonb} refuses. */
    static final String ENCODING_UTF8 = DeadLetter.ENCODING_UTF8;
    /** {@code rawEncoding} when the value is kept as the base64 encoding of its bytes. */
    static final String ENCODING_BASE64 = DeadLetter.ENCODING_BASE64;

    private MalformedEvidence() {
    }

    /**
     * @param message the record as consumed
     * @param timestamp the record's Kafka timestamp; nullable when the record has none
     * @param reason why it is not valid evidence, e.g. {@code malformed}
     * @param detail a short explanation; nullable
     * @return the evidence to append in the record's place
     */
    static NewEvidence of(IncomingMessage message, Instant timestamp, String reason, String detail) {
        String id = sourceId(message.topic(), message.partition(), message.offset());
        Instant occurredAt = timestamp == null ? null : CanonicalTime.truncate(timestamp);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("topic", message.topic());
        payload.put("partition", message.partition());
        payload.put("offset", message.offset());
        payload.put("key", message.key());
        payload.put("timestamp", occurredAt == null ? null : CanonicalTime.format(occurredAt));
        payload.put("reason", reason);
        payload.put("detail", detail);
        byte[] value = message.value();
        String text = value == null ? null : utf8(value);
        if (value == null) {
            payload.putNull("rawEncoding");
            payload.putNull("raw");
        } else if (text != null && text.indexOf('\u0000') < 0) {
            payload.put("rawEncoding", ENCODING_UTF8);
            payload.put("raw", text);
        } else {
            payload.put("rawEncoding", ENCODING_BASE64);
            payload.put("raw", Base64.getEncoder().encodeToString(value));
        }
        return new NewEvidence(EvidenceKind.MALFORMED, id, null,
                NewEvidence.chainOf(message.topic(), message.partition()), message.offset(),
                new EvidenceDescriptor(id, occurredAt, null, null, List.of(), null, null, null),
                JsonbPayload.of(payload.toString()));
    }

    /** @return the source id of the record at these coordinates, e.g. {@code vigil.alerts.v1:0:17} */
    static String sourceId(String topic, int partition, long offset) {
        return topic + ":" + partition + ":" + offset;
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
