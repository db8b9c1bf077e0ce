package io.vigil.ingest.s3;

/** A source could not be read now but may be later (S3 unreachable, object not yet visible); retry the message. */
public class TransientSourceException extends Exception {

    public TransientSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
