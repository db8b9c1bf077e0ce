package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles a rule's {@code detection} block: each named selection (a map = AND of its fields, a list of maps = OR of
 * the maps, a list of strings = keywords searched over the whole record), then the condition over them.
 */
final class DetectionCompiler {

    private static final Pattern SELECTION_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final RuleContext rule;
    private final FieldEntryCompiler fields;

    DetectionCompiler(RuleContext rule) {
        this.rule = rule;
        this.fields = new FieldEntryCompiler(rule);
    }

    RecordTest compile(JsonNode detection) {
        if (detection == null || !detection.isObject()) {
            throw rule.invalid("detection", "'detection' must be a map of selections and a condition");
        }
        if (detection.has("timeframe")) {
            throw rule.error(SigmaRuleException.Reason.AGGREGATION, "detection.timeframe",
                    "'timeframe' is not supported: it only serves aggregations and correlations over time windows");
        }
        Map<String, RecordTest> selections = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : detection.properties()) {
            String name = entry.getKey();
            if (name.equals("condition")) {
                continue;
            }
            if (!SELECTION_NAME.matcher(name).matches() || isReserved(name)) {
                throw rule.invalid("detection." + name, "'" + name + "' cannot name a selection");
            }
            selections.put(name, selection(entry.getValue(), "detection." + name));
        }
        if (selections.isEmpty()) {
            throw rule.invalid("detection", "no selections");
        }
        JsonNode condition = detection.get("condition");
        if (condition == null || condition.isNull()) {
            throw rule.invalid("detection.condition", "'condition' is missing");
        }
        if (condition.isTextual()) {
            return ConditionParser.parse(rule, selections, condition.textValue());
        }
        if (condition.isArray() && !condition.isEmpty()) {
            // A list of conditions is the older Sigma form of an OR of them.
            List<RecordTest> alternatives = new ArrayList<>();
            for (JsonNode each : condition) {
                if (!each.isTextual()) {
                    throw rule.invalid("detection.condition", "conditions must be strings");
                }
                alternatives.add(ConditionParser.parse(rule, selections, each.textValue()));
            }
            return alternatives.size() == 1 ? alternatives.getFirst() : new RecordTest.AnyOf(alternatives);
        }
        throw rule.invalid("detection.condition", "'condition' must be a string or a list of strings");
    }

    private static boolean isReserved(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "and", "or", "not", "of", "them", "all", "1" -> true;
            default -> false;
        };
    }

    private RecordTest selection(JsonNode node, String location) {
        if (node.isObject()) {
            return fieldMap(node, location);
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw rule.invalid(location, "empty selection");
            }
            boolean maps = true;
            boolean scalars = true;
            for (JsonNode element : node) {
                maps &= element.isObject();
                scalars &= element.isValueNode() && !element.isNull();
            }
            List<RecordTest> alternatives = new ArrayList<>();
            if (maps) {
                for (int i = 0; i < node.size(); i++) {
                    alternatives.add(fieldMap(node.get(i), location + "[" + i + "]"));
                }
            } else if (scalars) {
                for (JsonNode keyword : node) {
                    alternatives.add(keyword(keyword));
                }
            } else {
                throw rule.invalid(location, "a selection list must hold only maps or only keyword strings");
            }
            return alternatives.size() == 1 ? alternatives.getFirst() : new RecordTest.AnyOf(alternatives);
        }
        if (node.isValueNode() && !node.isNull()) {
            return keyword(node);
        }
        throw rule.invalid(location, "a selection must be a map, a list of maps or a list of keywords");
    }

    private RecordTest fieldMap(JsonNode map, String location) {
        if (map.isEmpty()) {
            throw rule.invalid(location, "empty selection");
        }
        List<RecordTest> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            parts.add(fields.compile(entry.getKey(), entry.getValue(), location + "." + entry.getKey()));
        }
        return parts.size() == 1 ? parts.getFirst() : new RecordTest.AllOf(parts);
    }

    private static RecordTest keyword(JsonNode keyword) {
        String text = keyword.isBoolean() ? (keyword.booleanValue() ? "true" : "false") : keyword.asText();
        return new RecordTest.Keyword(new ValueTest.Text(TextPattern.sigma(text, false, false, false)));
    }
}
