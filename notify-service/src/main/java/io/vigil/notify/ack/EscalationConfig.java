package io.vigil.notify.ack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.contract.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Escalation of unacknowledged alerts: {@code vigil.notify.escalation.*}. Off without a receiver. */
@ConfigMapping(prefix = "vigil.notify.escalation")
public interface EscalationConfig {

    /** The receiver that gets alerts not acknowledged in time, e.g. an on-call PagerDuty service. */
    Optional<String> receiver();

    /** How long an alert may stay unacknowledged. */
    @WithDefault("15m")
    Duration after();

    /** Severities that escalate. */
    @WithDefault("critical")
    List<Severity> severities();
}
