package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * Input the ingest-service could not turn into events, kept whole, on {@link Topics#INGEST_DLQ} keyed by the
 * source message id.
 *
 * @param schemaVersion version of this record's shape; {@link #SCHEMA_VERSION} when produced by this code
 * @param id stable id: the same rejected input yields the same id
 * @param producedAt when the record was produced
 * @param reason the reason code
 * @param detail a human-readable explanation naming the limit or field involved
 * @param origin where the input came from
 * @param receivedAt when Vigil received the input
 * @param rawEncoding {@link #ENCODING_UTF8} when {@code raw} is the input text, {@link #ENCODING_BASE64} when the
 *        input was not valid UTF-8 and {@code raw} is its base64 encoding
 * @param raw the input, whole
 * @param rawSizeBytes size of the input in bytes
 */
public record DeadLetter(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("producedAt") Instant producedAt,
        @JsonProperty("reason") DeadLetterReason reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("origin") Origin origin,
        @JsonProperty("receivedAt") Instant receivedAt,
        @JsonProperty("rawEncoding") String rawEncoding,
        @JsonProperty("raw") String raw,
        @JsonProperty("rawSizeBytes") long rawSizeBytes) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;
    /** {@code raw} holds the input text. */
    public static final String ENCODING_UTF8 = "utf-8";
    /** {@code raw} holds the base64 encoding of input bytes that were not valid UTF-8. */
    public static final String ENCODING_BASE64 = "base64";

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }
}
