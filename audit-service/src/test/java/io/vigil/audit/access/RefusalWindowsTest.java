package io.vigil.audit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final RefusalWindows windows = new RefusalWindows(Duration.ofSeconds(60), nanos::get);

    @Test
    void onlyTheFirstRefusalOfAWindowIsRecordedOnItsOwnAndTheRestBecomeOneSummaryWhenItEnds() {
        // Given
        List<Boolean> individually = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            individually.add(windows.refuse("address:192.0.2.1", access("192.0.2.1"), T0.plusMillis(i)));
        }
        List<RefusalWindows.Summary> beforeTheEnd = windows.drainEnded();
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());

        // When
        List<RefusalWindows.Summary> summaries = windows.drainEnded();

        // Then
        assertThat(individually.getFirst()).isTrue();
        assertThat(individually.subList(1, 1000)).containsOnly(false);
        assertThat(beforeTheEnd).isEmpty();
        assertThat(summaries).containsExactly(new RefusalWindows.Summary(access("192.0.2.1"), 999,
                T0.plusMillis(1), T0.plusMillis(999)));
        assertThat(windows.drainEnded()).isEmpty();
    }

    @Test
    void refusalAfterTheWindowEndedStartsANewWindowAndKeepsTheOldSummary() {
        // Given
        windows.refuse("user:a", access(null), T0);
        windows.refuse("user:a", access(null), T0.plusSeconds(1));
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());

        // When
        boolean recordedOnItsOwn = windows.refuse("user:a", access(null), T0.plusSeconds(61));

        // Then
        assertThat(recordedOnItsOwn).isTrue();
        assertThat(windows.drainEnded()).containsExactly(new RefusalWindows.Summary(access(null), 1,
                T0.plusSeconds(1), T0.plusSeconds(1)));
    }

    @Test
    void aWindowWithASingleRefusalHasNoSummary() {
        // Given
        windows.refuse("user:a", access(null), T0);
        windows.refuse("user:b", access(null), T0);
        windows.refuse("user:b", access(null), T0.plusSeconds(2));

        // When
        List<RefusalWindows.Summary> atShutdown = windows.drainAll();

        // Then
        assertThat(atShutdown).containsExactly(new RefusalWindows.Summary(access(null), 1, T0.plusSeconds(2),
                T0.plusSeconds(2)));
    }

    @Test
    void windowMustBeAboveZero() {
        assertThatThrownBy(() -> new RefusalWindows(Duration.ZERO, nanos::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vigil.audit.api.rate-limit.record-window must be above zero, was PT0S");
    }

    private static ApiAccess access(String address) {
        return new ApiAccess(null, List.of(), "GET", "/api/v1/evidence", null, 429, "rate-limited", address);
    }
}
