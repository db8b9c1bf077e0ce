package io.vigil.ingest.normalize;

/** A recognized document lacks a field Vigil needs, or a field has the wrong type or format. */
public class InvalidShapeException extends RuntimeException {

    public InvalidShapeException(String message) {
        super(message);
    }
}
