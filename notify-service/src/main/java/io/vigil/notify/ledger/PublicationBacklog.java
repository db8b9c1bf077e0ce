package io.vigil.notify.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * What waits in the publication queue for {@code vigil.deliveries.v1}.
 *
 * @param queued rows in the queue, counted up to the limit the reading was taken with
 * @param headAttemptedAt when the first row of the queue (the lowest seq) was attempted; null when the queue is empty
 */
public record PublicationBacklog(long queued, Instant headAttemptedAt) {

    /** @return how long the first row has been waiting at {@code now}; zero when the queue is empty */
    public Duration headAge(Instant now) {
        if (headAttemptedAt == null || headAttemptedAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(headAttemptedAt, now);
    }
}
