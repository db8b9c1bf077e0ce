package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON form of every contract message.
 *
 * <p>Times are ISO-8601 strings, absent (null) components are omitted, unknown fields are ignored so an older reader
 * accepts a newer writer's messages, and decimal numbers in raw documents keep their exact value. The mapper is
 * thread-safe once built; {@link #mapper()} returns a new copy so callers cannot reconfigure a shared one.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    private ContractJson() {
    }

    /** @return a mapper configured for the contract; a fresh copy each call */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * A contract mapper that also enforces read limits while parsing, for untrusted input.
     *
     * @param constraints limits such as the maximum nesting depth
     */
    public static ObjectMapper mapper(StreamReadConstraints constraints) {
        return configure(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()))
                .build();
    }

    private static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * Writes a message as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when the value cannot be serialized
     */
    public static byte[] write(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + message.getClass().getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a message as a JSON string. */
    public static String writeString(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + message.getClass().getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a message of the given type.
     *
     * @throws ContractException when the bytes are not a valid message of that type
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new ContractException("Not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // record constructors reject missing required components with NullPointerException
            throw new ContractException("Not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a message of the given type from a string. */
    public static <T> T read(String json, Class<T> type) {
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

}
