package io.vigil.notify.api;

/** A request the API refuses: the status, a stable code and a message for people. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the stable error code, e.g. {@code silence-not-found} */
    public String code() {
        return code;
    }
}
