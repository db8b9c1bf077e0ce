package io.vigil.contract;

/**
 * OCSF event classes that Vigil normalizes into, with their class and category ids.
 */
public enum EventClass {
    /** AWS API calls (CloudTrail). */
    API_ACTIVITY(6003, 6),
    /** Sign-in events (console sign-in). */
    AUTHENTICATION(3002, 3),
    /** Changes to accounts and credentials. */
    ACCOUNT_CHANGE(3001, 3),
    /** Threat detections (GuardDuty, Security Hub). */
    DETECTION_FINDING(2004, 2),
    /** Compliance results (Config, Security Hub controls). */
    COMPLIANCE_FINDING(2003, 2),
    /** Vulnerabilities (Inspector). */
    VULNERABILITY_FINDING(2002, 2),
    /**
     * A resource's recorded configuration changed (AWS Config configuration items; OCSF Device Config State Change).
     */
    CONFIG_STATE_CHANGE(5019, 5),
    /** A well-formed event of a kind Vigil does not normalize further. */
    OTHER(0, 0);

    private final int classUid;
    private final int categoryUid;

    EventClass(int classUid, int categoryUid) {
        this.classUid = classUid;
        this.categoryUid = categoryUid;
    }

    /** @return the OCSF {@code class_uid} */
    public int classUid() {
        return classUid;
    }

    /** @return the OCSF {@code category_uid} */
    public int categoryUid() {
        return categoryUid;
    }
}
