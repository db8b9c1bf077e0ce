package io.vigil.audit.evidence;

import java.time.Instant;

/**
 * A validated evidence search: every filter optional (null), newest first, keyset-paged by position.
 *
 * @param kind only this kind
 * @param key only this exact Kafka record key
 * @param account only this AWS account
 * @param region only this AWS region
 * @param control only evidence naming this control
 * @param rule only this rule id
 * @param actor only this actor
 * @param eventName only this API operation
 * @param since only evidence recorded at or after this instant
 * @param until only evidence recorded before this instant
 * @param limit page size, at least 1
 * @param after only evidence with a position below this one (the previous page's cursor)
 */
public record EvidenceQuery(EvidenceKind kind, String key, String account, String region, String control, String rule,
        String actor, String eventName, Instant since, Instant until, int limit, Long after) {

    public EvidenceQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
