package io.vigil.notify.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * One circuit breaker per receiver: after {@code failureThreshold} consecutive failures the circuit opens and the
 * receiver's notifications stay in the outbox (no attempt is spent) for {@code openDuration}; then one trial attempt
 * goes through (half-open): success closes the circuit, failure opens it again. State is per instance and in
 * memory: it protects the receiver, while the outbox keeps the notifications. Gauge
 * {@code vigil.notify.circuit.open{receiver}} is 1 while open. Thread-safe.
 */
@ApplicationScoped
public class CircuitBreakers {

    private static final Logger LOGGER = Logger.getLogger(CircuitBreakers.class);

    private final int failureThreshold;
    private final Duration openDuration;
    private final MeterRegistry registry;
    private final Map<String, State> states = new HashMap<>();

    @Inject
    public CircuitBreakers(DispatchConfig config, MeterRegistry registry) {
        this(config.circuitBreaker().failureThreshold(), config.circuitBreaker().openDuration(), registry);
    }

    CircuitBreakers(int failureThreshold, Duration openDuration, MeterRegistry registry) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("vigil.notify.dispatch.circuit-breaker.failure-threshold must be at"
                    + " least 1, was " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.openDuration = openDuration;
        this.registry = registry;
    }

    /** The state of one receiver's circuit. */
    private static final class State {
        int consecutiveFailures;
        Instant openUntil;
        boolean trialInFlight;
    }

    /** @return receivers whose notifications must not be claimed now */
    public synchronized Set<String> blocked(Instant now) {
        Set<String> blocked = new TreeSet<>();
        states.forEach((receiver, state) -> {
            if (state.openUntil != null && (now.isBefore(state.openUntil) || state.trialInFlight)) {
                blocked.add(receiver);
            }
        });
        return blocked;
    }

    /** @return whether an attempt may start now; in half-open state only one trial at a time */
    public synchronized boolean tryAcquire(String receiver, Instant now) {
        State state = states.get(receiver);
        if (state == null || state.openUntil == null) {
            return true;
        }
        if (now.isBefore(state.openUntil) || state.trialInFlight) {
            return false;
        }
        state.trialInFlight = true;
        return true;
    }

    /** Records the outcome of an attempt. */
    public synchronized void record(String receiver, boolean success, Instant now) {
        State state = states.computeIfAbsent(receiver, r -> {
            State created = new State();
            registry.gauge("vigil.notify.circuit.open", io.micrometer.core.instrument.Tags.of("receiver", r),
                    created, s -> s.openUntil == null ? 0 : 1);
            return created;
        });
        boolean wasOpen = state.openUntil != null;
        state.trialInFlight = false;
        if (success) {
            state.consecutiveFailures = 0;
            state.openUntil = null;
            if (wasOpen) {
                LOGGER.infof("Circuit closed: receiver=%s", receiver);
            }
            return;
        }
        state.consecutiveFailures++;
        if (wasOpen || state.consecutiveFailures >= failureThreshold) {
            state.openUntil = now.plus(openDuration);
            LOGGER.warnf("Circuit open: receiver=%s consecutiveFailures=%d until=%s", receiver,
                    state.consecutiveFailures, state.openUntil);
        }
    }

    /** @return whether the receiver's circuit is open or half-open */
    public synchronized boolean isOpen(String receiver) {
        State state = states.get(receiver);
        return state != null && state.openUntil != null;
    }
}
