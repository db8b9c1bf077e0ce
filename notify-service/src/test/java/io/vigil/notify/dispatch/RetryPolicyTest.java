package io.vigil.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffDoublesFromInitialAndIsCappedAtMaxWithNoJitter() {
        // Given
        RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);

        // When
        List<Duration> waits = IntStream.rangeClosed(1, 7).mapToObj(policy::backoffAfter).toList();

        // Then
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(15));
    }

    @Test
    void jitterSpreadsEachWaitOverTheUpperHalfOfItsBase() {
        // Given
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

        // When
        List<Duration> waits = IntStream.rangeClosed(1, 4).mapToObj(policy::backoffAfter).toList();

        // Then
        assertThat(waits).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000),
                Duration.ofMillis(6000));
    }

    @Test
    void seededJitterStaysWithinHalfAndFullBaseForEveryAttempt() {
        // Given
        Random random = new Random(42);
        RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(100), Duration.ofSeconds(30), random::nextDouble);

        for (int attempt = 1; attempt <= 99; attempt++) {
            // When
            long wait = policy.backoffAfter(attempt).toMillis();

            // Then
            long base = Math.min(30_000, 100L << Math.min(attempt - 1, 20));
            assertThat(wait).as("attempt %d", attempt).isBetween(base / 2, base);
        }
    }

    @Test
    void lastAttemptIsNotFollowedByAnother() {
        // Given
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), () -> 0.0);

        // When
        List<Boolean> retries = IntStream.rangeClosed(1, 3).mapToObj(policy::retriesAfter).toList();

        // Then
        assertThat(retries).containsExactly(true, true, false);
    }

    @Test
    void zeroAttemptsIsRejectedNamingTheKey() {
        // When / Then
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vigil.notify.retry.max-attempts must be at least 1, was 0");
    }

    @Test
    void maxBackoffBelowInitialBackoffIsRejectedNamingBothKeys() {
        // When / Then
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vigil.notify.retry.max-backoff (PT1S) must be at least vigil.notify.retry.initial-backoff"
                        + " (PT2S)");
    }
}
