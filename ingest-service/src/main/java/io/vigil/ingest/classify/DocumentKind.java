package io.vigil.ingest.classify;

/** The kinds of source document the ingest-service recognizes. */
public enum DocumentKind {
    /** An EventBridge envelope whose {@code detail} is a CloudTrail record (API call, console sign-in, service event). */
    CLOUDTRAIL_EVENT,
    /** Any other well-formed EventBridge envelope. */
    EVENTBRIDGE_EVENT,
    /** JSON that is none of the above. */
    UNRECOGNIZED
}
