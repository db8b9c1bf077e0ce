package io.vigil.audit.api;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The application clock in tests: the system clock, optionally shifted (to record evidence "in the past"). */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    void shift(Duration by) {
        shift = by;
    }

    void reset() {
        shift = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }
}
