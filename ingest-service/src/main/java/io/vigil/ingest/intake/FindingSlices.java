package io.vigil.ingest.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The original bytes of each element of {@code detail.findings[]}, cut out of the message as received (not
 * re-serialized), so a finding set aside goes to the dead-letter topic exactly as AWS sent it. Only called on a
 * message that already parsed under the intake's limits. Thread-safe.
 */
final class FindingSlices {

    private static final JsonFactory JSON = new JsonFactory();

    private FindingSlices() {
    }

    /**
     * @param message the message bytes (UTF-8 JSON, an object with {@code detail.findings})
     * @return the bytes of each finding in order; empty when there is no {@code detail.findings} array
     */
    static List<byte[]> of(byte[] message) {
        List<byte[]> findings = List.of();
        try (JsonParser json = JSON.createParser(message)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return findings;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (json.nextToken() == JsonToken.START_OBJECT && field.equals("detail")) {
                    // a repeated key counts once, last one wins, as in the parsed document
                    findings = findingsOf(json, message, findings);
                } else {
                    json.skipChildren();
                }
            }
            return findings;
        } catch (IOException e) {
            throw new UncheckedIOException("the message parsed before but not now", e);
        }
    }

    /** Reads the {@code detail} object the parser is at; returns the slices of its {@code findings} array. */
    private static List<byte[]> findingsOf(JsonParser json, byte[] message, List<byte[]> earlier) throws IOException {
        List<byte[]> findings = earlier;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            if (json.nextToken() == JsonToken.START_ARRAY && field.equals("findings")) {
                findings = new ArrayList<>();
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    int start = (int) json.currentTokenLocation().getByteOffset();
                    json.skipChildren();
                    json.finishToken();
                    int end = (int) json.currentLocation().getByteOffset();
                    findings.add(Arrays.copyOfRange(message, start, end));
                }
            } else {
                json.skipChildren();
            }
        }
        return findings;
    }
}
