package io.vigil.notify.receiver;

/**
 * A destination did not accept a notification; the message names the receiver and the cause. A permanent failure
 * (e.g. HTTP 400: the request itself is wrong) is not retried but dead-lettered at once.
 */
public class ReceiverException extends RuntimeException {

    private final Integer responseCode;
    private final boolean permanent;

    public ReceiverException(String message, Throwable cause) {
        super(message, cause);
        this.responseCode = null;
        this.permanent = false;
    }

    public ReceiverException(String message) {
        this(message, null, false);
    }

    public ReceiverException(String message, Integer responseCode, boolean permanent) {
        super(message);
        this.responseCode = responseCode;
        this.permanent = permanent;
    }

    /** @return the HTTP status the destination answered, or null */
    public Integer responseCode() {
        return responseCode;
    }

    /** @return whether retrying cannot help */
    public boolean permanent() {
        return permanent;
    }
}
