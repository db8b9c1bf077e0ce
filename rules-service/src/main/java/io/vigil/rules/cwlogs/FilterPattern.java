package io.vigil.rules.cwlogs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A compiled CloudWatch Logs JSON filter pattern, e.g.
 * {@code { ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }}.
 *
 * <p>Semantics follow AWS's documentation ("Filter and pattern syntax", JSON log events): selectors must point to a
 * value node, so {@code =} and {@code !=} never match an absent, null, array or object property; {@code *} at the
 * start or end of a value matches any text; numbers compare numerically; {@code IS NULL}, {@code NOT EXISTS},
 * {@code IS TRUE} and {@code IS FALSE} test presence and JSON literals; {@code &&} binds tighter than {@code ||}.
 * Immutable and thread-safe.
 */
public final class FilterPattern {

    private final String text;
    private final FilterExpression expression;

    private FilterPattern(String text, FilterExpression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * @param text the pattern, braces included
     * @throws FilterPatternException when the text is not a valid JSON filter pattern
     */
    public static FilterPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        return new FilterPattern(text, FilterPatternParser.parse(text));
    }

    /** @return whether the JSON document (a CloudTrail record) matches; false for a null document */
    public boolean matches(JsonNode document) {
        return document != null && expression.matches(document);
    }

    /** @return the pattern exactly as given to {@link #parse(String)} */
    public String text() {
        return text;
    }

    FilterExpression expression() {
        return expression;
    }

    @Override
    public String toString() {
        return text;
    }
}
