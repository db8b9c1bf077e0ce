package io.vigil.audit.verifier;

/** What verification found wrong at the first broken link. */
public enum BreakKind {

    /** A record's content no longer matches its hash, or a record was rewritten with a recomputed hash. */
    MODIFIED("modified"),
    /** A record the chain links through (or a signed digest counts) is missing. */
    DELETED("deleted"),
    /** A record that is not part of the chain: another record already holds its position or nothing links to it. */
    INSERTED("inserted"),
    /** Records are in the wrong order: a record names as its predecessor one that comes after it. */
    REORDERED("reordered"),
    /** A digest is missing: a gap in digest numbers, a broken digest link, or no digest for too long. */
    MISSING_DIGEST("missing-digest"),
    /** A digest's signature does not verify with the published key it names, or names an unknown key. */
    BAD_SIGNATURE("bad-signature");

    private final String wireName;

    BreakKind(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name in reports and the API, e.g. {@code missing-digest} */
    public String wireName() {
        return wireName;
    }
}
