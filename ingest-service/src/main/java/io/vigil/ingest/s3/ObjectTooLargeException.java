package io.vigil.ingest.s3;

/** An object, once decompressed, is larger than {@code vigil.ingest.s3.max-object-size}. */
public class ObjectTooLargeException extends Exception {

    public ObjectTooLargeException(String message) {
        super(message);
    }
}
