package io.vigil.audit.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Applies {@code vigil.audit.retention.keep} every {@code vigil.audit.retention.check-interval}. */
@ApplicationScoped
class RetentionScheduler {

    private final RetentionService service;
    private final RetentionConfig config;
    private final Clock clock;

    RetentionScheduler(RetentionService service, RetentionConfig config, Clock clock) {
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.audit.retention.check-interval:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyRetention() {
        config.keep().ifPresent(keep -> service.removeBefore(clock.instant().minus(keep)));
    }
}
