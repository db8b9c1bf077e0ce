package io.vigil.notify.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the delivery worker runs: {@code vigil.notify.dispatch.*}. */
@ConfigMapping(prefix = "vigil.notify.dispatch")
public interface DispatchConfig {

    /** How often the background loops look for due work when nothing woke them earlier. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Attempts in flight at once over all receivers (each receiver also has its own max-concurrency). */
    @WithDefault("64")
    int maxInFlight();

    /**
     * How long a claimed notification is reserved for the instance that claimed it; if no outcome is recorded by
     * then (the instance died mid-send), another claim records the attempt as interrupted and sends again. Must
     * exceed the longest receiver timeout.
     */
    @WithDefault("2m")
    Duration lease();

    /** The circuit breaker of each receiver. */
    CircuitBreaker circuitBreaker();

    /** Circuit breaker settings. */
    interface CircuitBreaker {

        /** Consecutive failed attempts that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit holds notifications before one trial attempt is let through. */
        @WithDefault("30s")
        Duration openDuration();
    }
}
