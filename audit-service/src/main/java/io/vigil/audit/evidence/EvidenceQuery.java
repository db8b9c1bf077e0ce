package io.vigil.audit.evidence;

import java.time.Instant;

/**
 * A validated evidence search: every filter optional, newest first, keyset-paged by sequence number.
 *
 * @param kind only this kind; nullable for all kinds
 * @param key only this exact record key; nullable for any key
 * @param since only evidence recorded at or after this instant; nullable
 * @param until only evidence recorded before this instant; nullable
 * @param limit page size, at least 1
 * @param after only evidence with a sequence number below this one (the previous page's cursor); nullable for the
 *        first page
 */
public record EvidenceQuery(EvidenceKind kind, String key, Instant since, Instant until, int limit, Long after) {

    public EvidenceQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
