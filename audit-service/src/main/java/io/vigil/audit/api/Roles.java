package io.vigil.audit.api;

/** The roles (JWT {@code groups}) the auditors' API checks. */
final class Roles {

    /** Reads evidence. */
    static final String AUDITOR = "auditor";
    /** Manages the audit-service; may also read. */
    static final String AUDIT_ADMIN = "audit-admin";

    private Roles() {
    }
}
