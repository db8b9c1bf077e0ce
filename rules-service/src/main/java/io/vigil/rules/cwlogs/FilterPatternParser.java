package io.vigil.rules.cwlogs;

import io.vigil.rules.cwlogs.FilterExpression.Operator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of CloudWatch Logs JSON filter patterns. One instance parses one pattern; not thread-safe.
 *
 * <pre>
 * pattern    := '{' or '}'
 * or         := and ( '||' and )*
 * and        := primary ( '&amp;&amp;' primary )*
 * primary    := '(' or ')' | condition
 * condition  := selector ( op value | 'IS' ( 'NULL' | 'TRUE' | 'FALSE' ) | 'NOT' 'EXISTS' )
 * selector   := '$' ( '.' name | '[' digits ']' )+        first step is a property
 * op         := '=' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * value      := '"' chars '"' | unquoted
 * </pre>
 * Whitespace may separate tokens. Precedence follows AWS: parentheses, then {@code &&}, then {@code ||}.
 */
final class FilterPatternParser {

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final String UNQUOTED_EXTRA = "_-.*:/+";
    private static final String CONDITION_START = "'(' or a selector starting with '$'";
    private static final String OPERATOR = "an operator (=, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS)";

    private final String text;
    private int pos;

    private FilterPatternParser(String text) {
        this.text = text;
    }

    /**
     * @throws FilterPatternException naming the position and the expectation when the text is not a valid pattern
     */
    static FilterExpression parse(String text) {
        return new FilterPatternParser(text).pattern();
    }

    private FilterExpression pattern() {
        skipWhitespace();
        expectChar('{', "'{' (JSON filter patterns only; text and space-delimited patterns are not supported)");
        FilterExpression expression = or(false);
        skipWhitespace();
        if (atEnd()) {
            throw error("'&&', '||' or '}'");
        }
        if (peek() != '}') {
            throw error("'&&', '||' or '}'");
        }
        pos++;
        skipWhitespace();
        if (!atEnd()) {
            throw error("end of pattern");
        }
        return expression;
    }

    private FilterExpression or(boolean nested) {
        List<FilterExpression> operands = new ArrayList<>();
        operands.add(and(nested));
        while (lookingAt("||")) {
            pos += 2;
            operands.add(and(nested));
        }
        return operands.size() == 1 ? operands.getFirst() : new FilterExpression.Or(operands);
    }

    private FilterExpression and(boolean nested) {
        List<FilterExpression> operands = new ArrayList<>();
        operands.add(primary());
        while (true) {
            skipWhitespace();
            if (lookingAt("&&")) {
                pos += 2;
                operands.add(primary());
            } else if (!atEnd() && peek() == '&') {
                throw error("'&&'");
            } else if (!atEnd() && peek() == '|' && !lookingAt("||")) {
                throw error("'||'");
            } else if (!atEnd() && !lookingAt("||") && peek() != (nested ? ')' : '}')) {
                throw error(nested ? "'&&', '||' or ')'" : "'&&', '||' or '}'");
            } else {
                break;
            }
        }
        return operands.size() == 1 ? operands.getFirst() : new FilterExpression.And(operands);
    }

    private FilterExpression primary() {
        skipWhitespace();
        if (atEnd()) {
            throw error(CONDITION_START);
        }
        if (peek() == '(') {
            pos++;
            FilterExpression inner = or(true);
            skipWhitespace();
            if (atEnd() || peek() != ')') {
                throw error("'&&', '||' or ')'");
            }
            pos++;
            return inner;
        }
        if (peek() != '$') {
            throw error(CONDITION_START);
        }
        return condition(selector());
    }

    private JsonSelector selector() {
        int start = pos;
        pos++; // '$'
        List<Object> segments = new ArrayList<>();
        while (!atEnd() && (peek() == '.' || peek() == '[')) {
            if (peek() == '.') {
                pos++;
                int nameStart = pos;
                while (!atEnd() && isNameChar(peek())) {
                    pos++;
                }
                if (pos == nameStart) {
                    throw error("a property name");
                }
                segments.add(text.substring(nameStart, pos));
            } else {
                if (segments.isEmpty()) {
                    throw error("'.' and a property name");
                }
                pos++;
                int digitsStart = pos;
                while (!atEnd() && Character.isDigit(peek()) && peek() < 128) {
                    pos++;
                }
                if (pos == digitsStart) {
                    throw error("an array index");
                }
                String digits = text.substring(digitsStart, pos);
                if (atEnd() || peek() != ']') {
                    throw error("']'");
                }
                pos++;
                try {
                    segments.add(Integer.parseInt(digits));
                } catch (NumberFormatException e) {
                    throw new FilterPatternException("an array index of at most " + Integer.MAX_VALUE, quote(digits),
                            digitsStart);
                }
            }
        }
        if (segments.isEmpty()) {
            throw error("'.' and a property name");
        }
        return new JsonSelector(text.substring(start, pos), segments);
    }

    private FilterExpression condition(JsonSelector selector) {
        skipWhitespace();
        if (atEnd()) {
            throw error(OPERATOR);
        }
        char c = peek();
        if (c == '=' || c == '!' || c == '<' || c == '>') {
            Operator operator = operator();
            return comparison(selector, operator);
        }
        int wordStart = pos;
        String word = word();
        switch (word.toUpperCase(Locale.ROOT)) {
            case "IS" -> {
                skipWhitespace();
                int valueStart = pos;
                String what = word();
                return switch (what.toUpperCase(Locale.ROOT)) {
                    case "NULL" -> new FilterExpression.IsNull(selector);
                    case "TRUE" -> new FilterExpression.IsBoolean(selector, true);
                    case "FALSE" -> new FilterExpression.IsBoolean(selector, false);
                    default -> throw new FilterPatternException("NULL, TRUE or FALSE after IS",
                            describe(what, valueStart), valueStart);
                };
            }
            case "NOT" -> {
                skipWhitespace();
                int valueStart = pos;
                String what = word();
                if (!what.equalsIgnoreCase("EXISTS")) {
                    throw new FilterPatternException("EXISTS after NOT", describe(what, valueStart), valueStart);
                }
                return new FilterExpression.NotExists(selector);
            }
            default -> throw new FilterPatternException(OPERATOR, describe(word, wordStart), wordStart);
        }
    }

    private Operator operator() {
        char c = peek();
        if (c == '!') {
            if (!lookingAt("!=")) {
                throw error(OPERATOR);
            }
            pos += 2;
            return Operator.NOT_EQUAL;
        }
        if (c == '=') {
            pos++;
            return Operator.EQUAL;
        }
        boolean orEqual = pos + 1 < text.length() && text.charAt(pos + 1) == '=';
        pos += orEqual ? 2 : 1;
        if (c == '<') {
            return orEqual ? Operator.LESS_OR_EQUAL : Operator.LESS;
        }
        return orEqual ? Operator.GREATER_OR_EQUAL : Operator.GREATER;
    }

    private FilterExpression comparison(JsonSelector selector, Operator operator) {
        skipWhitespace();
        int valueStart = pos;
        if (atEnd() || isDelimiter(peek())) {
            throw error("a value");
        }
        boolean ordering = operator != Operator.EQUAL && operator != Operator.NOT_EQUAL;
        if (peek() == '"') {
            String value = quoted();
            if (ordering) {
                throw new FilterPatternException("a number after '" + operator.symbol() + "'",
                        quote(text.substring(valueStart, pos)), valueStart);
            }
            return new FilterExpression.StringComparison(selector, operator == Operator.NOT_EQUAL, value);
        }
        if (peek() == '%') {
            throw error("a quoted or unquoted value (regular expressions %...% are not supported)");
        }
        String value = unquoted();
        if (NUMBER.matcher(value).matches()) {
            return new FilterExpression.NumericComparison(selector, operator, new BigDecimal(value), value);
        }
        if (ordering) {
            throw new FilterPatternException("a number after '" + operator.symbol() + "'", quote(value), valueStart);
        }
        return new FilterExpression.StringComparison(selector, operator == Operator.NOT_EQUAL, value);
    }

    private String quoted() {
        int start = pos;
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            if (c == '"') {
                pos++;
                return value.toString();
            }
            if (c == '\\' && pos + 1 < text.length()
                    && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\\')) {
                value.append(text.charAt(pos + 1));
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        throw error("'\"' closing the string that starts at position " + start);
    }

    private String unquoted() {
        int start = pos;
        while (!atEnd() && !isDelimiter(peek()) && !Character.isWhitespace(peek())) {
            char c = peek();
            if (!isAsciiLetterOrDigit(c) && UNQUOTED_EXTRA.indexOf(c) < 0) {
                throw error("a letter, digit or one of " + UNQUOTED_EXTRA
                        + " in an unquoted value (quote values with other characters)");
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Reads a run of letters (a keyword), possibly empty. */
    private String word() {
        int start = pos;
        while (!atEnd() && isAsciiLetterOrDigit(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void expectChar(char expected, String description) {
        if (atEnd() || peek() != expected) {
            throw error(description);
        }
        pos++;
    }

    private boolean lookingAt(String token) {
        skipWhitespace();
        return text.startsWith(token, pos);
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private FilterPatternException error(String expected) {
        return new FilterPatternException(expected, atEnd() ? "end of pattern" : quote(String.valueOf(peek())), pos);
    }

    private String describe(String word, int at) {
        if (!word.isEmpty()) {
            return quote(word);
        }
        return at >= text.length() ? "end of pattern" : quote(String.valueOf(text.charAt(at)));
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    private static boolean isDelimiter(char c) {
        return c == ')' || c == '(' || c == '}' || c == '{' || c == '&' || c == '|';
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
