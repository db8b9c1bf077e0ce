package io.vigil.notify.dispatch;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Bounded attempts with exponential backoff and jitter: after failed attempt {@code n} the wait is drawn from
 * {@code [b/2, b)} with {@code b = min(maxBackoff, initialBackoff * 2^(n-1))}, so waits grow but concurrent
 * retries spread out.
 *
 * @param maxAttempts attempts in total, at least 1
 * @param initialBackoff the base wait after the first failure, positive
 * @param maxBackoff the largest base wait, at least {@code initialBackoff}
 * @param jitter source of random numbers in {@code [0, 1)}
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, DoubleSupplier jitter) {

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("vigil.notify.retry.max-attempts must be at least 1, was "
                    + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("vigil.notify.retry.initial-backoff must be positive, was "
                    + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("vigil.notify.retry.max-backoff (" + maxBackoff
                    + ") must be at least vigil.notify.retry.initial-backoff (" + initialBackoff + ")");
        }
    }

    /** @return whether another attempt follows failed attempt {@code attempt} */
    boolean retriesAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** @return how long to wait after failed attempt {@code attempt} (from 1) before the next one */
    Duration backoffAfter(int attempt) {
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        int doublings = Math.max(0, attempt - 1);
        long base = doublings >= 62 || initial > (cap >> doublings) ? cap : initial << doublings;
        long half = base / 2;
        return Duration.ofMillis(half + (long) (jitter.getAsDouble() * (base - half)));
    }
}
