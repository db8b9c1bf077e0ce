package io.vigil.ingest.s3;

/** An object cannot be decoded (a broken gzip stream); retrying will not help. */
public class CorruptObjectException extends Exception {

    public CorruptObjectException(String message) {
        super(message);
    }
}
