package io.vigil.rules.cwlogs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** A node of a parsed filter pattern. Immutable and thread-safe. */
sealed interface FilterExpression {

    /** @return whether the JSON document satisfies this expression */
    boolean matches(JsonNode document);

    /** All operands must match ({@code &&}). */
    record And(List<FilterExpression> operands) implements FilterExpression {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean matches(JsonNode document) {
            for (FilterExpression operand : operands) {
                if (!operand.matches(document)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Any operand must match ({@code ||}). */
    record Or(List<FilterExpression> operands) implements FilterExpression {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean matches(JsonNode document) {
            for (FilterExpression operand : operands) {
                if (operand.matches(document)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code $.a = value} or {@code $.a != value} with a string value. The selected node must be a value node (string,
     * number or boolean); absent, null, array and object nodes match neither {@code =} nor {@code !=}, as AWS
     * documents.
     * A leading and/or trailing {@code *} matches any text; a {@code *} elsewhere is a literal character.
     */
    record StringComparison(JsonSelector selector, boolean negated, String value) implements FilterExpression {

        @Override
        public boolean matches(JsonNode document) {
            JsonNode node = selector.select(document);
            if (!isValueNode(node)) {
                return false;
            }
            return wildcardMatches(value, node.asText()) != negated;
        }

        static boolean wildcardMatches(String pattern, String text) {
            if (pattern.equals("*")) {
                return true;
            }
            boolean leading = pattern.startsWith("*");
            boolean trailing = pattern.length() > 1 && pattern.endsWith("*");
            String core = pattern.substring(leading ? 1 : 0, pattern.length() - (trailing ? 1 : 0));
            if (leading && trailing) {
                return text.contains(core);
            }
            if (leading) {
                return text.endsWith(core);
            }
            if (trailing) {
                return text.startsWith(core);
            }
            return text.equals(core);
        }
    }

    /**
     * {@code $.a <op> number}. A number node compares by numeric value. For {@code =} and {@code !=} a string node
     * compares by text with the number as written (CloudTrail writes account ids as strings); the ordering operators
     * match number nodes only. Absent, null, boolean, array and object nodes never match.
     */
    record NumericComparison(JsonSelector selector, Operator operator, BigDecimal value, String text)
            implements
                FilterExpression {

        @Override
        public boolean matches(JsonNode document) {
            JsonNode node = selector.select(document);
            if (node == null) {
                return false;
            }
            if (node.isNumber()) {
                int order = node.decimalValue().compareTo(value);
                return switch (operator) {
                    case EQUAL -> order == 0;
                    case NOT_EQUAL -> order != 0;
                    case LESS -> order < 0;
                    case LESS_OR_EQUAL -> order <= 0;
                    case GREATER -> order > 0;
                    case GREATER_OR_EQUAL -> order >= 0;
                };
            }
            if (node.isTextual()) {
                return switch (operator) {
                    case EQUAL -> node.textValue().equals(text);
                    case NOT_EQUAL -> !node.textValue().equals(text);
                    default -> false;
                };
            }
            return false;
        }
    }

    /** {@code $.a IS NULL}: the property exists and is set to null. */
    record IsNull(JsonSelector selector) implements FilterExpression {
        @Override
        public boolean matches(JsonNode document) {
            JsonNode node = selector.select(document);
            return node != null && node.isNull();
        }
    }

    /** {@code $.a NOT EXISTS}: the property is absent from the document. */
    record NotExists(JsonSelector selector) implements FilterExpression {
        @Override
        public boolean matches(JsonNode document) {
            return selector.select(document) == null;
        }
    }

    /** {@code $.a IS TRUE} or {@code $.a IS FALSE}: the property is that JSON boolean. */
    record IsBoolean(JsonSelector selector, boolean expected) implements FilterExpression {
        @Override
        public boolean matches(JsonNode document) {
            JsonNode node = selector.select(document);
            return node != null && node.isBoolean() && node.booleanValue() == expected;
        }
    }

    /** Comparison operators. */
    enum Operator {
        EQUAL("="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    private static boolean isValueNode(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber() || node.isBoolean());
    }
}
