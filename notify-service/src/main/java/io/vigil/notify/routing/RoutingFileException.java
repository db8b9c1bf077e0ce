package io.vigil.notify.routing;

/** A routing file that cannot be used; the message starts with {@code <source>:<line>:}. */
public class RoutingFileException extends RuntimeException {

    private final int line;

    public RoutingFileException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.line = line;
    }

    /** @return the 1-based line the problem is on */
    public int line() {
        return line;
    }
}
