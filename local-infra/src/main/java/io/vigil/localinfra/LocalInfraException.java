package io.vigil.localinfra;

/**
 * A local server could not be started, reached or prepared; the message names the server and the cause.
 */
public final class LocalInfraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the server
     * @param cause the underlying failure, or {@code null}
     */
    public LocalInfraException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed, naming the server
     */
    public LocalInfraException(String message) {
        super(message);
    }
}
