package io.vigil.audit.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

/**
 * The JSON Canonicalization Scheme (RFC 8785, "JCS") of a JSON value: object members sorted by their UTF-16 code
 * units, no insignificant whitespace, strings escaped minimally, numbers written as ECMAScript writes an IEEE-754
 * double. Hashes and signatures are computed over these UTF-8 bytes, so the same value always hashes the same,
 * whatever key order or whitespace it was stored or transported with (PostgreSQL {@code jsonb} reorders keys).
 *
 * <p>A Jackson tree is written canonically in one pass (members sorted by {@link String#compareTo}, which compares
 * UTF-16 code units as RFC 8785 requires); numbers are written by the RFC co-author's reference implementation
 * ({@code io.github.erdtman:java-json-canonicalization}, {@code NumberToJSON}), whose whole canonicalizer
 * {@link #text(String)} also offers as a cross-check. A parsed tree has no duplicate member names (the last one wins,
 * as in PostgreSQL {@code jsonb}). Thread-safe.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    /** @return the RFC 8785 form of the value, as UTF-8 bytes */
    public static byte[] bytes(JsonNode value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the RFC 8785 form of the value, as text */
    public static String text(JsonNode value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** @return the RFC 8785 form of a JSON text, by the reference implementation */
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

    private static void write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> {
                TreeMap<String, JsonNode> members = new TreeMap<>();
                value.properties().forEach(member -> members.put(member.getKey(), member.getValue()));
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> member : members.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(member.getKey(), out);
                    out.append(':');
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(value.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(value.textValue(), out);
            case NUMBER -> out.append(number(value.doubleValue()));
            case BOOLEAN -> out.append(value.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("Not a JSON value: " + value.getNodeType());
        }
    }

    /** Escapes as ECMAScript {@code JSON.stringify} does (RFC 8785 section 3.2.2.2). */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String number(double value) {
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an I-JSON number: " + value, e);
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
