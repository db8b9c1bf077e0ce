package io.vigil.rules.cwlogs;

/**
 * A filter pattern is not valid. The message names the 0-based character position, what the parser expected there
 * and what it found, e.g. {@code Expected '&&', '||' or '}' at position 9 but found end of pattern}.
 */
public class FilterPatternException extends RuntimeException {

    private final int position;
    private final String expected;
    private final String found;

    FilterPatternException(String expected, String found, int position) {
        super("Expected " + expected + " at position " + position + " but found " + found);
        this.position = position;
        this.expected = expected;
        this.found = found;
    }

    /** @return the 0-based character offset in the pattern text where parsing failed */
    public int position() {
        return position;
    }

    /** @return what the parser expected at {@link #position()} */
    public String expected() {
        return expected;
    }

    /** @return what the parser found at {@link #position()}, e.g. {@code '@'} or {@code end of pattern} */
    public String found() {
        return found;
    }
}
