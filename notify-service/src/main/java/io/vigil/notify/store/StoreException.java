package io.vigil.notify.store;

/** PostgreSQL failed; the transaction was rolled back and nothing it wrote is visible. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
