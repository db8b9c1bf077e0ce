package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text a Sigma string test sees for a JSON value: strings as they are, numbers and booleans in their JSON spelling,
 * objects as compact JSON text, and no text for {@code null}.
 */
final class RecordText {

    private RecordText() {
    }

    /** The value's text, or null for JSON null (which no string test matches). */
    static String of(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> value.textValue();
            case BOOLEAN -> value.booleanValue() ? "true" : "false";
            case NULL, MISSING -> null;
            case OBJECT, ARRAY -> value.toString();
            default -> value.asText();
        };
    }

    /** Calls the visitor with every string, number and boolean nested in the value; true as soon as it returns true. */
    static boolean anyNestedScalar(JsonNode value, FieldPath.ValueVisitor visitor) {
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                if (anyNestedScalar(child, visitor)) {
                    return true;
                }
            }
            return false;
        }
        return !value.isNull() && visitor.visit(value);
    }
}
