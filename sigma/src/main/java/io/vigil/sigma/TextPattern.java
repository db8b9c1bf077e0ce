package io.vigil.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value compiled once: {@code *} matches any run of characters, {@code ?} one character, and a backslash
 * escapes {@code *}, {@code ?} and itself (a backslash before any other character is literal), as the Sigma
 * specification says. The common shapes (exact, prefix, suffix, contains) are tested with region comparisons, which
 * allocate nothing, and so does the general wildcard matcher; nothing is compiled per event.
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
    /** For GLOB: the pattern's characters, and per position whether it is a literal, {@code *} or {@code ?}. */
    private final char[] globChars;
    private final byte[] globKinds;
    private final String source;

    private static final byte LITERAL = 0;
    private static final byte ANY_RUN = 1;
    private static final byte ANY_ONE = 2;

    private TextPattern(Shape shape, String literal, boolean cased, List<Object> glob, String source) {
        this.shape = shape;
        this.literal = literal;
        this.cased = cased;
        this.source = source;
        if (glob == null) {
            this.globChars = null;
            this.globKinds = null;
            return;
        }
        StringBuilder chars = new StringBuilder();
        StringBuilder kinds = new StringBuilder();
        for (Object token : glob) {
            if (token instanceof String text) {
                chars.append(text);
                kinds.append(String.valueOf((char) LITERAL).repeat(text.length()));
            } else {
                chars.append(' ');
                kinds.append((char) (token == STAR ? ANY_RUN : ANY_ONE));
            }
        }
        this.globChars = chars.toString().toCharArray();
        this.globKinds = new byte[kinds.length()];
        for (int i = 0; i < globKinds.length; i++) {
            globKinds[i] = (byte) kinds.charAt(i);
        }
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
        return new TextPattern(Shape.GLOB, null, cased, tokens, source);
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
            case EXACT -> text.length() == literal.length() && regionMatches(text, 0);
            case PREFIX -> text.length() >= literal.length() && regionMatches(text, 0);
            case SUFFIX -> text.length() >= literal.length() && regionMatches(text, text.length() - literal.length());
            case CONTAINS -> contains(text);
            case GLOB -> globMatches(text);
        };
    }

    private boolean contains(String text) {
        if (cased) {
            return text.contains(literal);
        }
        int last = text.length() - literal.length();
        for (int i = 0; i <= last; i++) {
            if (regionMatches(text, i)) {
                return true;
            }
        }
        return false;
    }

    /** The literal equals the text at the offset (the caller checked the length). */
    private boolean regionMatches(String text, int offset) {
        for (int i = 0; i < literal.length(); i++) {
            if (!same(text.charAt(offset + i), literal.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Wildcard matching with backtracking to the last star; allocates nothing. */
    private boolean globMatches(String text) {
        int t = 0;
        int p = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < globChars.length
                    && (globKinds[p] == ANY_ONE || globKinds[p] == LITERAL && same(text.charAt(t), globChars[p]))) {
                t++;
                p++;
            } else if (p < globChars.length && globKinds[p] == ANY_RUN) {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < globChars.length && globKinds[p] == ANY_RUN) {
            p++;
        }
        return p == globChars.length;
    }

    /**
     * One character of the record against one of the rule. Case-insensitively, an ASCII character of the rule matches
     * only its ASCII upper or lower case, as event-ruler's {@code equals-ignore-case} does (so that the prefilter and
     * the evaluation agree, and a dotless {@code ı} or a long {@code ſ} never passes for {@code i} or {@code s}); other
     * characters of the rule fold by Unicode case.
     */
    private boolean same(char fromRecord, char fromRule) {
        if (fromRecord == fromRule) {
            return true;
        }
        if (cased) {
            return false;
        }
        if (fromRule < 128) {
            return fromRecord < 128 && asciiLower(fromRecord) == asciiLower(fromRule);
        }
        char upperRecord = Character.toUpperCase(fromRecord);
        char upperRule = Character.toUpperCase(fromRule);
        return upperRecord == upperRule || Character.toLowerCase(upperRecord) == Character.toLowerCase(upperRule);
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    @Override
    public String toString() {
        return source;
    }
}
