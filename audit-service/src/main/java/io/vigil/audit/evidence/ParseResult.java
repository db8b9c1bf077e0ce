package io.vigil.audit.evidence;

/**
 * Either evidence ready to store or the reason a record is skipped; exactly one of the two is non-null.
 *
 * @param evidence the evidence to append; nullable
 * @param skipReason metric tag of the reason, e.g. {@code malformed}; nullable
 * @param detail a short explanation for the log; nullable
 */
record ParseResult(NewEvidence evidence, String skipReason, String detail) {

    static ParseResult accepted(NewEvidence evidence) {
        return new ParseResult(evidence, null, null);
    }

    static ParseResult skipped(String reason, String detail) {
        return new ParseResult(null, reason, detail);
    }

    boolean isAccepted() {
        return evidence != null;
    }
}
