package io.vigil.rules.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading IAM policy documents, where a statement, action or resource may be one value or a list. */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    static List<JsonNode> statements(JsonNode policy) {
        JsonNode statement = policy.path("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(statements::add);
        } else if (statement.isObject()) {
            statements.add(statement);
        }
        return statements;
    }

    static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.textValue());
        } else if (node.isBoolean() || node.isNumber()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
