package io.vigil.ingest.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetterReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes and parses bytes into one JSON document under the nesting and string-length limits, which Jackson enforces
 * while parsing, before a hostile document costs memory. Thread-safe.
 */
final class JsonDocuments {

    private final ObjectMapper parser;

    JsonDocuments(int maxNestingDepth, int maxFieldLength) {
        this.parser = ContractJson.mapper(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxFieldLength)
                .maxNameLength(maxFieldLength)
                .maxNumberLength(1000)
                .build());
    }

    /** @return the document, or the rejection saying why there is none */
    Parsed parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return Parsed.rejected(DeadLetterReason.INVALID_UTF8, "input is not valid UTF-8: " + e.getMessage());
        }
        try (JsonParser json = parser.createParser(text)) {
            JsonNode document = parser.readTree(json);
            if (document == null || document.isMissingNode()) {
                throw new JsonParseException(json, "no JSON content");
            }
            if (json.nextToken() != null) {
                throw new JsonParseException(json, "trailing content after the JSON value");
            }
            return new Parsed(document, null);
        } catch (StreamConstraintsException e) {
            String message = e.getOriginalMessage();
            return Parsed.rejected(message.contains("nesting depth")
                    ? DeadLetterReason.TOO_DEEP
                    : DeadLetterReason.FIELD_TOO_LONG, message);
        } catch (JsonProcessingException e) {
            return Parsed.rejected(DeadLetterReason.INVALID_JSON, e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            return Parsed.rejected(DeadLetterReason.INVALID_JSON, e.getMessage());
        }
    }

    /** @return the bytes of a node, as the JSON text of a part of a document that goes to the dead-letter topic */
    byte[] bytesOf(JsonNode node) {
        return ContractJson.write(node);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** A document, or why there is none. */
    record Parsed(JsonNode document, IntakeResult.Rejected rejection) {
        static Parsed rejected(DeadLetterReason reason, String detail) {
            return new Parsed(null, new IntakeResult.Rejected(reason, detail));
        }
    }
}
