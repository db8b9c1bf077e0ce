package io.vigil.rules.cwlogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.rules.cwlogs.FilterExpression.Operator;
import io.vigil.rules.dialect.Prefilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Translates a filter pattern into EventBridge patterns over the envelope ({@code detail} holds the CloudTrail record)
 * that are <i>necessary</i>: every record the pattern matches matches one of them. The expression is put in
 * disjunctive normal form; a condition event-ruler cannot express (an array index, a wildcard inside
 * {@code !=}, a number out of event-ruler's range) is widened to "anything", and two conditions on one field keep
 * the first. Costly negative conditions are left to the interpreter when a conjunction has another condition, and
 * alternatives differing in one field's values are merged. The translation is never sufficient: candidates are
 * interpreted by {@link FilterPattern}.
 */
final class FilterPrefilters {

    /** More alternatives than this are not worth an automaton; such patterns are interpreted on every record. */
    static final int MAX_ALTERNATIVES = 64;
    private static final BigDecimal NUMERIC_LIMIT = new BigDecimal("5000000000");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private FilterPrefilters() {
    }

    static Prefilter of(FilterPattern pattern) {
        List<Map<List<String>, ArrayNode>> alternatives = dnf(pattern.expression());
        if (alternatives == null) {
            return Prefilter.NONE;
        }
        List<Map<List<String>, ArrayNode>> cheap = merge(alternatives.stream().map(FilterPrefilters::positiveOnly)
                .toList());
        List<String> patterns = new ArrayList<>();
        for (Map<List<String>, ArrayNode> conjunct : cheap) {
            if (conjunct.isEmpty()) {
                return Prefilter.NONE;
            }
            ObjectNode root = JSON.objectNode();
            conjunct.forEach((path, values) -> {
                ObjectNode node = root.withObjectProperty("detail");
                for (int i = 0; i < path.size() - 1; i++) {
                    node = node.withObjectProperty(path.get(i));
                }
                node.set(path.getLast(), values);
            });
            patterns.add(root.toString());
        }
        return new Prefilter(patterns, false, true);
    }

    /**
     * Drops {@code anything-but} and {@code exists} conditions from a conjunction that has another condition: they
     * are the costly ones in event-ruler (measured 3 to 10 times a plain value), and dropping a condition from a
     * conjunction keeps the pattern necessary; the interpreter checks them on the few candidates.
     */
    private static Map<List<String>, ArrayNode> positiveOnly(Map<List<String>, ArrayNode> conjunct) {
        Map<List<String>, ArrayNode> positive = new LinkedHashMap<>();
        conjunct.forEach((path, values) -> {
            if (!isNegative(values)) {
                positive.put(path, values);
            }
        });
        return positive.isEmpty() ? conjunct : positive;
    }

    private static boolean isNegative(ArrayNode values) {
        for (JsonNode value : values) {
            if (value.isObject() && (value.has("anything-but") || value.has("exists"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Merges alternatives that differ only in the values of one field into one pattern with the union of the values
     * (sixteen {@code eventName} alternatives become one pattern with sixteen values), which event-ruler matches in
     * one step instead of sixteen.
     */
    private static List<Map<List<String>, ArrayNode>> merge(List<Map<List<String>, ArrayNode>> alternatives) {
        List<Map<List<String>, ArrayNode>> merged = new ArrayList<>();
        for (Map<List<String>, ArrayNode> alternative : alternatives) {
            boolean absorbed = false;
            for (Map<List<String>, ArrayNode> existing : merged) {
                List<String> differing = differingPath(existing, alternative);
                if (differing != null) {
                    ArrayNode union = existing.get(differing).deepCopy();
                    alternative.get(differing).forEach(v -> {
                        if (!contains(union, v)) {
                            union.add(v);
                        }
                    });
                    existing.put(differing, union);
                    absorbed = true;
                    break;
                }
            }
            if (!absorbed) {
                merged.add(new LinkedHashMap<>(alternative));
            }
        }
        return merged;
    }

    /** @return the one path whose values differ when both have the same paths and all else equal; otherwise null */
    private static List<String> differingPath(Map<List<String>, ArrayNode> a, Map<List<String>, ArrayNode> b) {
        if (!a.keySet().equals(b.keySet())) {
            return null;
        }
        List<String> differing = null;
        for (Map.Entry<List<String>, ArrayNode> entry : a.entrySet()) {
            if (!entry.getValue().equals(b.get(entry.getKey()))) {
                if (differing != null || isNegative(entry.getValue()) || isNegative(b.get(entry.getKey()))) {
                    return null;
                }
                differing = entry.getKey();
            }
        }
        return differing;
    }

    private static boolean contains(ArrayNode values, JsonNode value) {
        for (JsonNode existing : values) {
            if (existing.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** @return the alternatives, each a conjunction of field conditions; null when there are too many */
    private static List<Map<List<String>, ArrayNode>> dnf(FilterExpression expression) {
        return switch (expression) {
            case FilterExpression.Or or -> {
                List<Map<List<String>, ArrayNode>> all = new ArrayList<>();
                for (FilterExpression operand : or.operands()) {
                    List<Map<List<String>, ArrayNode>> alternatives = dnf(operand);
                    if (alternatives == null || all.size() + alternatives.size() > MAX_ALTERNATIVES) {
                        yield null;
                    }
                    all.addAll(alternatives);
                }
                yield all;
            }
            case FilterExpression.And and -> {
                List<Map<List<String>, ArrayNode>> product = List.of(Map.of());
                for (FilterExpression operand : and.operands()) {
                    List<Map<List<String>, ArrayNode>> alternatives = dnf(operand);
                    if (alternatives == null || product.size() * alternatives.size() > MAX_ALTERNATIVES) {
                        yield null;
                    }
                    List<Map<List<String>, ArrayNode>> next = new ArrayList<>();
                    for (Map<List<String>, ArrayNode> left : product) {
                        for (Map<List<String>, ArrayNode> right : alternatives) {
                            Map<List<String>, ArrayNode> merged = new LinkedHashMap<>(left);
                            right.forEach(merged::putIfAbsent);
                            next.add(merged);
                        }
                    }
                    product = next;
                }
                yield product;
            }
            default -> {
                Map<List<String>, ArrayNode> condition = new LinkedHashMap<>();
                List<String> path = path(selector(expression));
                ArrayNode values = path == null ? null : values(expression);
                if (values != null) {
                    condition.put(path, values);
                }
                yield List.of(condition);
            }
        };
    }

    private static JsonSelector selector(FilterExpression expression) {
        return switch (expression) {
            case FilterExpression.StringComparison c -> c.selector();
            case FilterExpression.NumericComparison c -> c.selector();
            case FilterExpression.IsNull c -> c.selector();
            case FilterExpression.NotExists c -> c.selector();
            case FilterExpression.IsBoolean c -> c.selector();
            default -> throw new IllegalArgumentException("not a condition: " + expression);
        };
    }

    /** @return the property names of the selector, or null when it indexes an array (event-ruler flattens arrays) */
    private static List<String> path(JsonSelector selector) {
        List<String> names = new ArrayList<>();
        for (Object segment : selector.segments()) {
            if (!(segment instanceof String name)) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    /** @return event-ruler value matchers necessary for the condition, or null for "anything" */
    private static ArrayNode values(FilterExpression expression) {
        ArrayNode values = JSON.arrayNode();
        switch (expression) {
            case FilterExpression.StringComparison c when !c.negated() -> stringEquals(values, c.value());
            case FilterExpression.StringComparison c -> {
                if (c.value().contains("*")) {
                    values.addObject().put("exists", true);
                } else {
                    values.addObject().put("anything-but", c.value());
                }
            }
            case FilterExpression.NumericComparison c -> {
                if (c.value().abs().compareTo(NUMERIC_LIMIT) >= 0 || c.value().scale() > 6
                        || c.operator() == Operator.NOT_EQUAL) {
                    values.addObject().put("exists", true);
                } else {
                    values.addObject().putArray("numeric").add(c.operator().symbol()).add(c.value());
                    if (c.operator() == Operator.EQUAL) {
                        values.add(c.text());
                    }
                }
            }
            case FilterExpression.IsNull c -> values.addNull();
            case FilterExpression.NotExists c -> values.addObject().put("exists", false);
            case FilterExpression.IsBoolean c -> values.add(c.expected());
            default -> throw new IllegalArgumentException("not a condition: " + expression);
        }
        return values;
    }

    private static void stringEquals(ArrayNode values, String value) {
        boolean leading = value.startsWith("*");
        boolean trailing = value.length() > 1 && value.endsWith("*");
        String core = value.substring(leading ? 1 : 0, value.length() - (trailing ? 1 : 0));
        if (value.equals("*") || core.isEmpty()) {
            values.addObject().put("exists", true);
        } else if (leading && trailing) {
            values.addObject().put("wildcard", "*" + core.replace("\\", "\\\\").replace("*", "\\*") + "*");
        } else if (leading) {
            values.addObject().put("suffix", core);
        } else if (trailing) {
            values.addObject().put("prefix", core);
        } else {
            values.add(core);
            if (core.equals("true") || core.equals("false")) {
                values.add(Boolean.parseBoolean(core));
            }
            // A quoted number also equals a number node with that text.
            if (NUMBER.matcher(core).matches()) {
                BigDecimal number = new BigDecimal(core);
                if (number.abs().compareTo(NUMERIC_LIMIT) < 0 && number.scale() <= 6) {
                    values.addObject().putArray("numeric").add("=").add(number);
                } else {
                    values.addObject().put("exists", true);
                }
            }
        }
    }
}
