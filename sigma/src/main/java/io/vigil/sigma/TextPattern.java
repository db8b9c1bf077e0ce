package io.vigil.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Sigma string value compiled once: {@code *} matches any run of characters, {@code ?} one character, and a backslash
 * escapes {@code *}, {@code ?} and itself (a backslash before any other character is literal), as the Sigma
 * specification says. The common shapes (exact, prefix, suffix, contains) are tested with region comparisons, which
 * allocate nothing; other shapes use a regular expression compiled here, never per event.
 */
final class TextPattern {

    /** How the pattern constrains the text. */
    enum Shape {
        /** Only stars: any text, also empty. */
        ANY,
        /** No wildcard. */
        EXACT,
        /** {@code literal*}. */
        PREFIX,
        /** {@code *literal}. */
        SUFFIX,
        /** {@code *literal*}. */
        CONTAINS,
        /** Anything else with wildcards. */
        GLOB
    }

    private static final Object STAR = new Object();
    private static final Object ONE = new Object();

    private final Shape shape;
    private final String literal;
    private final boolean cased;
    private final Pattern glob;
    private final String source;

    private TextPattern(Shape shape, String literal, boolean cased, Pattern glob, String source) {
        this.shape = shape;
        this.literal = literal;
        this.cased = cased;
        this.glob = glob;
        this.source = source;
    }

    /** A pattern from a Sigma value with wildcards; {@code contains} etc. add stars around the value first. */
    static TextPattern sigma(String value, boolean leadingStar, boolean trailingStar, boolean cased) {
        List<Object> tokens = new ArrayList<>();
        if (leadingStar) {
            tokens.add(STAR);
        }
        tokenize(value, tokens);
        if (trailingStar) {
            tokens.add(STAR);
        }
        return fromTokens(collapseStars(tokens), cased, (leadingStar ? "*" : "") + value + (trailingStar ? "*" : ""));
    }

    /** A pattern that matches exactly this text, with no wildcards (used for encoded values). */
    static TextPattern literal(String text, boolean leadingStar, boolean trailingStar, boolean cased) {
        List<Object> tokens = new ArrayList<>();
        if (leadingStar) {
            tokens.add(STAR);
        }
        if (!text.isEmpty()) {
            tokens.add(text);
        }
        if (trailingStar) {
            tokens.add(STAR);
        }
        return fromTokens(tokens, cased, text);
    }

    private static void tokenize(String value, List<Object> tokens) {
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    run.append(next);
                    i++;
                } else {
                    run.append(c);
                }
            } else if (c == '*' || c == '?') {
                if (!run.isEmpty()) {
                    tokens.add(run.toString());
                    run.setLength(0);
                }
                tokens.add(c == '*' ? STAR : ONE);
            } else {
                run.append(c);
            }
        }
        if (!run.isEmpty()) {
            tokens.add(run.toString());
        }
    }

    private static List<Object> collapseStars(List<Object> tokens) {
        List<Object> out = new ArrayList<>();
        for (Object token : tokens) {
            if (token == STAR && !out.isEmpty() && out.getLast() == STAR) {
                continue;
            }
            if (token instanceof String text && !out.isEmpty() && out.getLast() instanceof String previous) {
                out.set(out.size() - 1, previous + text);
                continue;
            }
            out.add(token);
        }
        return out;
    }

    private static TextPattern fromTokens(List<Object> tokens, boolean cased, String source) {
        if (tokens.isEmpty()) {
            return new TextPattern(Shape.EXACT, "", cased, null, source);
        }
        if (tokens.stream().allMatch(t -> t == STAR)) {
            return new TextPattern(Shape.ANY, "", cased, null, source);
        }
        if (tokens.size() == 1 && tokens.getFirst() instanceof String text) {
            return new TextPattern(Shape.EXACT, text, cased, null, source);
        }
        if (tokens.size() == 2 && tokens.get(0) instanceof String text && tokens.get(1) == STAR) {
            return new TextPattern(Shape.PREFIX, text, cased, null, source);
        }
        if (tokens.size() == 2 && tokens.get(0) == STAR && tokens.get(1) instanceof String text) {
            return new TextPattern(Shape.SUFFIX, text, cased, null, source);
        }
        if (tokens.size() == 3 && tokens.get(0) == STAR && tokens.get(1) instanceof String text
                && tokens.get(2) == STAR) {
            return new TextPattern(Shape.CONTAINS, text, cased, null, source);
        }
        StringBuilder regex = new StringBuilder();
        for (Object token : tokens) {
            if (token == STAR) {
                regex.append(".*");
            } else if (token == ONE) {
                regex.append('.');
            } else {
                regex.append(Pattern.quote((String) token));
            }
        }
        int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new TextPattern(Shape.GLOB, null, cased, Pattern.compile(regex.toString(), flags), source);
    }

    Shape shape() {
        return shape;
    }

    /** The literal part for EXACT, PREFIX, SUFFIX and CONTAINS; null for GLOB. */
    String literal() {
        return literal;
    }

    boolean cased() {
        return cased;
    }

    /** True if the pattern may match text in the middle of a longer text (not anchored at either end). */
    boolean unanchored() {
        return shape == Shape.ANY || shape == Shape.CONTAINS
                || (shape == Shape.GLOB && source.startsWith("*") && source.endsWith("*"));
    }

    boolean matches(String text) {
        return switch (shape) {
            case ANY -> true;
            case EXACT -> cased ? text.equals(literal) : text.equalsIgnoreCase(literal);
            case PREFIX -> text.regionMatches(!cased, 0, literal, 0, literal.length());
            case SUFFIX -> text.length() >= literal.length()
                    && text.regionMatches(!cased, text.length() - literal.length(), literal, 0, literal.length());
            case CONTAINS -> contains(text);
            case GLOB -> glob.matcher(text).matches();
        };
    }

    private boolean contains(String text) {
        if (cased) {
            return text.contains(literal);
        }
        int last = text.length() - literal.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, literal, 0, literal.length())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return source;
    }
}
