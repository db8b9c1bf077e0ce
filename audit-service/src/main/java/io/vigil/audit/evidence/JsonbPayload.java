package io.vigil.audit.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.ContractJson;
import java.util.Map;

/**
 * Makes valid JSON storable as PostgreSQL {@code jsonb}, which rejects the character U+0000 (escape
 * {@code \u005Cu0000}) anywhere. Only then is the document rewritten, with each U+0000 replaced by U+FFFD; otherwise
 * the text is returned unchanged.
 */
final class JsonbPayload {

    static final char NUL = '\u0000';
    static final char REPLACEMENT = '\uFFFD';
    private static final String NUL_ESCAPE = "\\u0000";
    private static final ObjectMapper MAPPER = ContractJson.mapper();

    private JsonbPayload() {
    }

    static String of(String json) {
        if (!json.contains(NUL_ESCAPE)) {
            return json;
        }
        try {
            return MAPPER.writeValueAsString(withoutNul(MAPPER.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(clean(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withoutNul(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(clean(field.getKey()), withoutNul(field.getValue()));
            }
            return copy;
        }
        return node;
    }

    private static String clean(String text) {
        return text.replace(NUL, REPLACEMENT);
    }
}
