package io.vigil.notify.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * What waits in the publication queue for {@code vigil.deliveries.v1}, and what ledger readers cannot see yet.
 *
 * @param queued rows in the queue, counted up to the limit the reading was taken with
 * @param headAttemptedAt when the first row of the queue (the lowest seq) was attempted; null when the queue is empty
 * @param heldBack committed ledger rows that the ledger API does not show yet, counted up to the same limit: rows of
 *     transactions not older than the oldest one still open, which a cursor must not pass
 *     ({@link LedgerRepository#find}); a figure that stays up means a transaction somewhere in the database is held
 *     open
 */
public record PublicationBacklog(long queued, Instant headAttemptedAt, long heldBack) {

    /** @return how long the first row has been waiting at {@code now}; zero when the queue is empty */
    public Duration headAge(Instant now) {
        if (headAttemptedAt == null || headAttemptedAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(headAttemptedAt, now);
    }
}
