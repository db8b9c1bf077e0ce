package io.vigil.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading members of the documents in this package, with errors that name the member. */
final class Json {

    private Json() {
    }

    /** @return the text member, or null when it is absent or JSON null */
    static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a string, was " + value.getNodeType());
        }
        return value.textValue();
    }

    static String requiredText(JsonNode object, String name) {
        String text = text(object, name);
        if (text == null) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        return text;
    }

    static long requiredLong(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + name + "' must be an integer");
        }
        return value.longValue();
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(element -> values.add(element.asText()));
        }
        return values;
    }
}
