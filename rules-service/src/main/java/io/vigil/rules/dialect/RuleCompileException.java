package io.vigil.rules.dialect;

/** A rule body is not valid in its dialect. The message names the problem and, where there is one, its position. */
public class RuleCompileException extends RuntimeException {

    public RuleCompileException(String message, Throwable cause) {
        super(message, cause);
    }

    public RuleCompileException(String message) {
        super(message);
    }
}
