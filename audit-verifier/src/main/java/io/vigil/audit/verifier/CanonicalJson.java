package io.vigil.audit.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The JSON Canonicalization Scheme (RFC 8785, "JCS") of a JSON value: object members sorted by their UTF-16 code
 * units, no insignificant whitespace, strings escaped minimally, numbers written as ECMAScript writes an IEEE-754
 * double. Hashes and signatures are computed over these UTF-8 bytes, so the same value always hashes the same,
 * whatever key order or whitespace it was stored or transported with (PostgreSQL {@code jsonb} reorders keys).
 *
 * <p>The canonicalization is done by the RFC co-author's reference implementation ({@code
 * io.github.erdtman:java-json-canonicalization}); Jackson only turns a tree into text first, which also removes
 * duplicate member names (the last one wins, as in PostgreSQL {@code jsonb}). Thread-safe.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    /** @return the RFC 8785 form of the value, as UTF-8 bytes */
    public static byte[] bytes(JsonNode value) {
        try {
            return canonicalizer(write(value)).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot canonicalize JSON: " + e.getMessage(), e);
        }
    }

    /** @return the RFC 8785 form of the value, as text */
    public static String text(JsonNode value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** @return the RFC 8785 form of a JSON text */
    public static String text(String json) {
        return canonicalizer(json).getEncodedString();
    }

    /** @return the JSON text parsed into a tree (duplicate member names: the last one wins) */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the shared plain mapper the formats of this package are written with */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String write(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonCanonicalizer canonicalizer(String json) {
        try {
            return new JsonCanonicalizer(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot canonicalize JSON: " + e.getMessage(), e);
        }
    }
}
