package io.vigil.audit.evidence;

import io.vigil.contract.ContractException;
import io.vigil.contract.ContractJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a consumed record into evidence, or into the reason it is not valid evidence (it is then stored as
 * {@link MalformedEvidence}). The message is validated against its contract type, but the stored payload is the
 * received JSON itself, so fields a newer producer added are kept.
 */
final class EvidenceParser {

    static final String REASON_UNKNOWN_TOPIC = "unknown-topic";
    static final String REASON_EMPTY_VALUE = "empty-value";
    static final String REASON_MALFORMED = "malformed";
    static final String REASON_INVALID_ID = "invalid-id";
    static final String REASON_KEY_TOO_LONG = "key-too-long";

    /** Bound on the id, which sits in the unique btree index (kind, id). */
    static final int MAX_ID_BYTES = 512;
    /** Bound on the key (ARNs reach 2,048 characters), which sits in a btree index. */
    static final int MAX_KEY_BYTES = 2048;
    private static final int MAX_DETAIL_CHARS = 200;

    private EvidenceParser() {
    }

    static ParseResult parse(IncomingMessage message) {
        Optional<EvidenceKind> kind = EvidenceKind.ofTopic(message.topic());
        if (kind.isEmpty()) {
            return ParseResult.skipped(REASON_UNKNOWN_TOPIC, "no evidence kind reads topic " + message.topic());
        }
        if (message.value() == null || message.value().length == 0) {
            return ParseResult.skipped(REASON_EMPTY_VALUE, "record has no value");
        }
        EvidenceDescriptor header;
        try {
            header = EvidenceDescriptor.of(ContractJson.read(message.value(), kind.get().contractType()));
        } catch (ContractException e) {
            return ParseResult.skipped(REASON_MALFORMED, truncate(e.getMessage()));
        }
        if (header.id().isBlank() || utf8Length(header.id()) > MAX_ID_BYTES) {
            return ParseResult.skipped(REASON_INVALID_ID, "id is blank or longer than " + MAX_ID_BYTES + " bytes");
        }
        if (message.key() != null && utf8Length(message.key()) > MAX_KEY_BYTES) {
            return ParseResult.skipped(REASON_KEY_TOO_LONG, "key is longer than " + MAX_KEY_BYTES + " bytes");
        }
        String payload = JsonbPayload.of(new String(message.value(), StandardCharsets.UTF_8));
        return ParseResult.accepted(new NewEvidence(kind.get(), header.id(), message.key(),
                NewEvidence.chainOf(message.topic(), message.partition()), message.offset(), header, payload));
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String truncate(String detail) {
        if (detail == null) {
            return "";
        }
        return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "...";
    }
}
