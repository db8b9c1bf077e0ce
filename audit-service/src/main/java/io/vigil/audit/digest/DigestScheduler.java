package io.vigil.audit.digest;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs a periodic digest every {@code vigil.audit.digest.interval} (hourly by default), also when no evidence
 * arrived, so that a missing digest is itself evidence of tampering or an outage. With several instances the one that
 * comes second within half an interval skips.
 */
@ApplicationScoped
class DigestScheduler {

    private final DigestService service;
    private final DigestConfig config;

    DigestScheduler(DigestService service, DigestConfig config) {
        this.service = service;
        this.config = config;
    }

    @Scheduled(every = "${vigil.audit.digest.interval:PT1H}", delayed = "${vigil.audit.digest.interval:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void signPeriodicDigest() {
        service.signPeriodic(config.interval().dividedBy(2));
    }
}
