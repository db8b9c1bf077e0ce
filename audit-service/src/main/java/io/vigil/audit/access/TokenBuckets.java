package io.vigil.audit.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller: {@code burst} requests at once, refilled at {@code perSecond} requests per second.
 * Thread-safe. Idle callers' buckets are forgotten once more than {@value #MAX_CALLERS} callers are known.
 */
public final class TokenBuckets {

    static final int MAX_CALLERS = 10_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perSecond sustained requests per second, above 0
     * @param burst the most requests at once, at least 1
     * @param nanoTime a monotonic clock ({@code System::nanoTime})
     */
    public TokenBuckets(double perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs requests-per-second > 0 and burst >= 1, was "
                    + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one token from the caller's bucket.
     *
     * @return 0 when the request may go ahead, else the whole seconds to wait before a token is available (at least 1)
     */
    public long tryTake(String caller) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_CALLERS) {
            buckets.values().removeIf(bucket -> bucket.isFullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(caller, key -> new Bucket(now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double missing = 1 - bucket.tokens;
            return Math.max(1, (long) Math.ceil(missing / perSecond));
        }
    }

    private final class Bucket {

        private double tokens = burst;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * perSecond / NANOS_PER_SECOND);
            updated = now;
        }

        synchronized boolean isFullAt(long now) {
            return tokens + (now - updated) * perSecond / NANOS_PER_SECOND >= burst;
        }
    }
}
