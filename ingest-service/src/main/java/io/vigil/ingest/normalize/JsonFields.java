package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Typed reads of source fields that say which field is wrong when one is. */
final class JsonFields {

    private JsonFields() {
    }

    /** @return the text at {@code field}, or null when absent or JSON null */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidShapeException("field '" + field + "' must be a string, was " + value.getNodeType());
        }
        return value.asText();
    }

    /** @return the non-blank text at {@code field} */
    static String requiredText(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new InvalidShapeException("required field '" + path + "' is missing");
        }
        return value;
    }

    /** @return the ISO-8601 instant at {@code field} */
    static Instant requiredInstant(JsonNode node, String field, String path) {
        String value = requiredText(node, field, path);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidShapeException("field '" + path + "' is not an ISO-8601 time: '" + value + "'");
        }
    }

    /** @return the instant at {@code field} in any format {@link AwsTimestamps} accepts */
    static Instant requiredTime(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new InvalidShapeException("required field '" + path + "' is missing");
        }
        return AwsTimestamps.parse(value, path);
    }

    /** @return the instant at {@code field} in any format {@link AwsTimestamps} accepts, or null when absent */
    static Instant optionalTime(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        return AwsTimestamps.parse(value, path);
    }

    /** @return the object at {@code field} */
    static JsonNode requiredObject(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw new InvalidShapeException("required field '" + path + "' must be an object, was "
                    + (value.isMissingNode() ? "missing" : value.getNodeType().name()));
        }
        return value;
    }

    /** @return the first argument that is neither null nor blank, or null */
    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** @return TRUE/FALSE for the texts "true"/"yes" and "false"/"no" (any case), null otherwise */
    static Boolean yesNo(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> Boolean.TRUE;
            case "false", "no" -> Boolean.FALSE;
            default -> null;
        };
    }
}
