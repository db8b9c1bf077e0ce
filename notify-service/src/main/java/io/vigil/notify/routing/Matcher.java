package io.vigil.notify.routing;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher in Alertmanager syntax: {@code severity = critical}, {@code account != "111122223333"},
 * {@code rule =~ "GuardDuty.*"}, {@code tag !~ "test|dev"}. Regular expressions match the whole value. On labels with
 * several values ({@code tag}, {@code control}) {@code =} and {@code =~} need one matching value, {@code !=} and
 * {@code !~} need none. A missing label matches like the empty string.
 *
 * @param label the label name, one of {@link AlertLabels#NAMES}
 * @param operator the operator
 * @param value the value or regular expression
 */
public record Matcher(String label, Operator operator, String value) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-z_]+)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    /** How a matcher compares. */
    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** @return {@code =}, {@code !=}, {@code =~} or {@code !~} */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * Parses {@code label op value}; the value may be double-quoted.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Matcher parse(String text) {
        java.util.regex.Matcher parts = SYNTAX.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException("matcher '" + text + "' is not 'label op value' with op one of"
                    + " =, !=, =~, !~");
        }
        String label = parts.group(1);
        AlertLabels.requireKnown(label);
        String op = parts.group(2);
        String value = parts.group(3);
        if (value.startsWith("=") || value.startsWith("~")) {
            throw new IllegalArgumentException("matcher '" + text + "' is not 'label op value' with op one of"
                    + " =, !=, =~, !~");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }
        Operator operator = switch (op) {
            case "=" -> Operator.EQUAL;
            case "!=" -> Operator.NOT_EQUAL;
            case "=~" -> Operator.REGEX;
            default -> Operator.NOT_REGEX;
        };
        if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher '" + text + "' has an invalid regular expression: "
                        + e.getDescription());
            }
        }
        return new Matcher(label, operator, value);
    }

    /** @return whether the labels satisfy this matcher */
    public boolean matches(AlertLabels labels) {
        List<String> values = labels.get(label);
        List<String> candidates = values.isEmpty() ? List.of("") : values;
        return switch (operator) {
            case EQUAL -> candidates.contains(value);
            case NOT_EQUAL -> !candidates.contains(value);
            case REGEX -> candidates.stream().anyMatch(v -> v.matches(value));
            case NOT_REGEX -> candidates.stream().noneMatch(v -> v.matches(value));
        };
    }

    @Override
    public String toString() {
        return label + operator.symbol() + "\"" + value + "\"";
    }
}
