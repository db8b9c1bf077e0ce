package io.vigil.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CircuitBreakers breakers = new CircuitBreakers(3, Duration.ofSeconds(30), registry);

    @Test
    void circuitOpensAfterTheThresholdOfConsecutiveFailuresAndBlocksOnlyThatReceiver() {
        // When
        breakers.record("slack", false, T0);
        breakers.record("slack", false, T0);
        boolean openAfterTwo = breakers.isOpen("slack");
        breakers.record("slack", false, T0);

        // Then
        assertThat(openAfterTwo).isFalse();
        assertThat(breakers.isOpen("slack")).isTrue();
        assertThat(breakers.blocked(T0.plusSeconds(1))).containsExactly("slack");
        assertThat(breakers.tryAcquire("slack", T0.plusSeconds(1))).isFalse();
        assertThat(breakers.tryAcquire("webhook", T0.plusSeconds(1))).isTrue();
        assertThat(registry.get("vigil.notify.circuit.open").tag("receiver", "slack").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void successBetweenFailuresResetsTheCount() {
        // When
        breakers.record("slack", false, T0);
        breakers.record("slack", false, T0);
        breakers.record("slack", true, T0);
        breakers.record("slack", false, T0);
        breakers.record("slack", false, T0);

        // Then
        assertThat(breakers.isOpen("slack")).isFalse();
    }

    @Test
    void afterTheOpenDurationOneTrialGoesThroughAndItsOutcomeClosesOrReopens() {
        // Given
        for (int i = 0; i < 3; i++) {
            breakers.record("slack", false, T0);
        }
        Instant later = T0.plusSeconds(31);

        // When
        boolean trial = breakers.tryAcquire("slack", later);
        boolean second = breakers.tryAcquire("slack", later);
        breakers.record("slack", false, later);
        boolean afterFailedTrial = breakers.tryAcquire("slack", later.plusSeconds(1));
        Instant again = later.plusSeconds(31);
        boolean nextTrial = breakers.tryAcquire("slack", again);
        breakers.record("slack", true, again);

        // Then
        assertThat(trial).isTrue();
        assertThat(second).isFalse();
        assertThat(afterFailedTrial).isFalse();
        assertThat(nextTrial).isTrue();
        assertThat(breakers.isOpen("slack")).isFalse();
        assertThat(breakers.blocked(again)).isEmpty();
        assertThat(registry.get("vigil.notify.circuit.open").tag("receiver", "slack").gauge().value())
                .isEqualTo(0.0);
    }
}
