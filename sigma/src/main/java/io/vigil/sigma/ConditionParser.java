package io.vigil.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition ({@code selection and not 1 of filter_*}) over already compiled selections. Precedence, from
 * loosest: {@code or}, {@code and}, {@code not}; parentheses group. {@code 1 of x*} / {@code all of x*} quantify over
 * the selections whose names match the pattern, {@code them} over all selections not starting with an underscore.
 * Errors name the position (0-based character index) and what was expected.
 */
final class ConditionParser {

    private static final String LOCATION = "detection.condition";

    private record Token(String text, int position) {
    }

    private final RuleContext rule;
    private final Map<String, RecordTest> selections;
    private final String condition;
    private final List<Token> tokens;
    private int next;

    private ConditionParser(RuleContext rule, Map<String, RecordTest> selections, String condition) {
        this.rule = rule;
        this.selections = selections;
        this.condition = condition;
        this.tokens = tokenize();
    }

    static RecordTest parse(RuleContext rule, Map<String, RecordTest> selections, String condition) {
        ConditionParser parser = new ConditionParser(rule, selections, condition);
        if (parser.tokens.isEmpty()) {
            throw rule.invalid(LOCATION, "the condition is empty");
        }
        RecordTest test = parser.orExpression();
        if (parser.next < parser.tokens.size()) {
            throw parser.unexpected("'and', 'or' or the end of the condition");
        }
        return test;
    }

    private List<Token> tokenize() {
        List<Token> result = new ArrayList<>();
        int i = 0;
        while (i < condition.length()) {
            char c = condition.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                result.add(new Token(String.valueOf(c), i));
                i++;
            } else if (c == '|') {
                throw rule.error(SigmaRuleException.Reason.AGGREGATION, LOCATION,
                        "aggregation '" + condition.substring(i).trim() + "' at position " + i
                                + " is not supported: threshold and correlation rules are evaluated over time windows, "
                                + "which a single-record Sigma rule cannot express");
            } else if (isWordCharacter(c)) {
                int start = i;
                while (i < condition.length() && isWordCharacter(condition.charAt(i))) {
                    i++;
                }
                result.add(new Token(condition.substring(start, i), start));
            } else {
                throw rule.invalid(LOCATION, "unexpected character '" + c + "' at position " + i);
            }
        }
        return result;
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '*' || c == '-' || c == '.';
    }

    private RecordTest orExpression() {
        List<RecordTest> parts = new ArrayList<>();
        parts.add(andExpression());
        while (peekKeyword("or")) {
            next++;
            parts.add(andExpression());
        }
        return parts.size() == 1 ? parts.getFirst() : new RecordTest.AnyOf(parts);
    }

    private RecordTest andExpression() {
        List<RecordTest> parts = new ArrayList<>();
        parts.add(notExpression());
        while (peekKeyword("and")) {
            next++;
            parts.add(notExpression());
        }
        return parts.size() == 1 ? parts.getFirst() : new RecordTest.AllOf(parts);
    }

    private RecordTest notExpression() {
        if (peekKeyword("not")) {
            next++;
            return new RecordTest.Not(notExpression());
        }
        return primary();
    }

    private RecordTest primary() {
        if (next >= tokens.size()) {
            throw unexpected("a selection name, 'not', '1 of', 'all of' or '('");
        }
        Token token = tokens.get(next);
        if (token.text().equals("(")) {
            next++;
            RecordTest inner = orExpression();
            if (next >= tokens.size() || !tokens.get(next).text().equals(")")) {
                throw unexpected("')' closing the '(' at position " + token.position());
            }
            next++;
            return inner;
        }
        if (next + 1 < tokens.size() && tokens.get(next + 1).text().equalsIgnoreCase("of")) {
            return quantified(token);
        }
        if (isKeyword(token.text()) || token.text().equals(")")) {
            throw unexpected("a selection name, 'not', '1 of', 'all of' or '('");
        }
        next++;
        if (token.text().contains("*")) {
            throw rule.invalid(LOCATION, "the pattern '" + token.text() + "' at position " + token.position()
                    + " needs '1 of' or 'all of' before it");
        }
        RecordTest selection = selections.get(token.text());
        if (selection == null) {
            throw rule.invalid(LOCATION, "unknown selection '" + token.text() + "' at position " + token.position()
                    + "; defined: " + selections.keySet());
        }
        return selection;
    }

    private RecordTest quantified(Token quantifier) {
        boolean all;
        if (quantifier.text().equals("1") || quantifier.text().equalsIgnoreCase("any")) {
            all = false;
        } else if (quantifier.text().equalsIgnoreCase("all")) {
            all = true;
        } else {
            throw rule.unsupported(LOCATION, "quantifier '" + quantifier.text() + " of' at position "
                    + quantifier.position() + " (only '1 of' and 'all of')");
        }
        next += 2;
        if (next >= tokens.size()) {
            throw unexpected("'them' or a selection name pattern after 'of'");
        }
        Token target = tokens.get(next);
        if (target.text().equals("(") || target.text().equals(")")
                || isKeyword(target.text()) && !target.text().equalsIgnoreCase("them")) {
            throw unexpected("'them' or a selection name pattern after 'of'");
        }
        next++;
        List<RecordTest> matched = new ArrayList<>();
        if (target.text().equalsIgnoreCase("them")) {
            selections.forEach((name, test) -> {
                if (!name.startsWith("_")) {
                    matched.add(test);
                }
            });
        } else {
            Pattern pattern = namePattern(target.text());
            selections.forEach((name, test) -> {
                if (pattern.matcher(name).matches()) {
                    matched.add(test);
                }
            });
        }
        if (matched.isEmpty()) {
            throw rule.invalid(LOCATION, "'" + target.text() + "' at position " + target.position()
                    + " matches no selection; defined: " + selections.keySet());
        }
        if (matched.size() == 1) {
            return matched.getFirst();
        }
        return all ? new RecordTest.AllOf(matched) : new RecordTest.AnyOf(matched);
    }

    private static Pattern namePattern(String text) {
        List<String> quoted = new ArrayList<>();
        for (String part : text.split("\\*", -1)) {
            quoted.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", quoted));
    }

    private boolean peekKeyword(String keyword) {
        return next < tokens.size() && tokens.get(next).text().equalsIgnoreCase(keyword);
    }

    private static boolean isKeyword(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "and", "or", "not", "of", "them" -> true;
            default -> false;
        };
    }

    private SigmaRuleException unexpected(String expected) {
        if (next >= tokens.size()) {
            return rule.invalid(LOCATION,
                    "expected " + expected + " at the end of the condition (position " + condition.length() + ")");
        }
        Token token = tokens.get(next);
        return rule.invalid(LOCATION,
                "expected " + expected + " at position " + token.position() + ", found '" + token.text() + "'");
    }
}
