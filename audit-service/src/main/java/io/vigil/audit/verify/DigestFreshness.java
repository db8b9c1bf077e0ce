package io.vigil.audit.verify;

import io.vigil.audit.verifier.Break;
import io.vigil.audit.verifier.BreakKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Digests are signed every interval even when nothing happened, so a newest digest older than
 * {@value #TOLERATED_INTERVALS} intervals means digests are missing: deleted, or not being made.
 */
final class DigestFreshness {

    static final int TOLERATED_INTERVALS = 3;

    private DigestFreshness() {
    }

    /**
     * @param newestPeriodEnd the newest digest's period end; null when there is no digest at all
     * @param storeStart when the first evidence was recorded; null when there is none
     * @return a missing-digest break when the newest digest is too old
     */
    static Optional<Break> check(Instant newestPeriodEnd, Instant storeStart, Instant now, Duration interval) {
        Instant reference = newestPeriodEnd != null ? newestPeriodEnd : storeStart;
        if (reference == null) {
            return Optional.empty();
        }
        Instant deadline = reference.plus(interval.multipliedBy(TOLERATED_INTERVALS));
        if (!now.isAfter(deadline)) {
            return Optional.empty();
        }
        String since = newestPeriodEnd != null
                ? "the newest digest ends at " + newestPeriodEnd
                : "evidence exists since " + storeStart + " but no digest";
        return Optional.of(new Break(BreakKind.MISSING_DIGEST, null, null, null, null, since + ", more than "
                + TOLERATED_INTERVALS + " digest intervals (" + interval + ") before " + now));
    }
}
