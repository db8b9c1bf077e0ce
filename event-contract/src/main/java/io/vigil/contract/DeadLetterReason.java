package io.vigil.contract;

/** Why the ingest-service rejected a piece of input. Stable codes: operators alert and query on them. */
public enum DeadLetterReason {
    /** The body is not well-formed JSON. */
    INVALID_JSON,
    /** The body is not valid UTF-8. */
    INVALID_UTF8,
    /** The body exceeds the configured size limit. */
    TOO_LARGE,
    /** The JSON nests deeper than the configured limit. */
    TOO_DEEP,
    /** A field Vigil needs is missing or has the wrong type. */
    INVALID_SHAPE,
    /** The document is well-formed but of a kind Vigil is configured to reject. */
    UNSUPPORTED_SOURCE,
    /** The event's timestamp is implausibly far in the future. */
    FUTURE_TIMESTAMP,
    /** Normalizing the input failed unexpectedly (a defect in Vigil); the input is kept for a replay after a fix. */
    PROCESSING_FAILED,
    /** The message kept failing for a transient reason and reached the receive limit. */
    RECEIVE_LIMIT_EXCEEDED,
    /** A string value (field name or value) is longer than the configured limit. */
    FIELD_TOO_LONG,
    /** The message carries more items (findings, log records) than the configured limit. */
    TOO_MANY_ITEMS
}
