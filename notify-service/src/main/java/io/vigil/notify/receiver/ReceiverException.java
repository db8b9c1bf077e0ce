package io.vigil.notify.receiver;

/** A destination did not accept a notification; the message names the receiver and the cause. */
public class ReceiverException extends RuntimeException {

    public ReceiverException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReceiverException(String message) {
        super(message);
    }
}
