package io.vigil.audit.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TokenBuckets buckets = new TokenBuckets(2, 3, nanos::get);

    @Test
    void shouldAllowTheBurstThenAskToWait() {
        // When
        long[] waits = {buckets.tryTake("a"), buckets.tryTake("a"), buckets.tryTake("a"), buckets.tryTake("a")};

        // Then
        assertThat(waits).containsExactly(0, 0, 0, 1);
    }

    @Test
    void shouldRefillAtTheRate() {
        // Given
        for (int i = 0; i < 3; i++) {
            buckets.tryTake("a");
        }

        // When: half a second at 2 per second gives one token
        nanos.addAndGet(500_000_000L);

        // Then
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isEqualTo(1);
    }

    @Test
    void shouldKeepCallersApart() {
        // Given
        for (int i = 0; i < 3; i++) {
            buckets.tryTake("a");
        }

        // When
        long other = buckets.tryTake("b");

        // Then
        assertThat(other).isZero();
    }
}
