package io.vigil.ingest.classify;

/** The kinds of source document the ingest-service recognizes, each by its content (see {@link SourceClassifier}). */
public enum DocumentKind {
    /**
     * An EventBridge envelope whose {@code detail} is a CloudTrail record (API call, console sign-in, service event).
     */
    CLOUDTRAIL_EVENT,
    /** A GuardDuty finding. */
    GUARDDUTY_FINDING,
    /** Security Hub findings in ASFF ({@code Security Hub Findings - Imported}). */
    SECURITY_HUB_ASFF_FINDINGS,
    /** Security Hub findings in OCSF ({@code Findings Imported V2}). */
    SECURITY_HUB_OCSF_FINDINGS,
    /** An AWS Config configuration item change, full or oversized. */
    CONFIG_ITEM_CHANGE,
    /** An AWS Config rule compliance change. */
    CONFIG_COMPLIANCE_CHANGE,
    /** An Amazon Inspector (v2) finding. */
    INSPECTOR_FINDING,
    /** S3 object-created notifications (S3 event-notification format or EventBridge {@code Object Created}). */
    S3_OBJECT_CREATED,
    /** Any other well-formed EventBridge envelope. */
    EVENTBRIDGE_EVENT,
    /** JSON that is none of the above. */
    UNRECOGNIZED
}
