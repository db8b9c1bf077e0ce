package io.vigil.notify.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often and how patiently a failed delivery is retried, per receiver and alert. */
@ConfigMapping(prefix = "vigil.notify.retry")
public interface RetryConfig {

    /** Attempts per receiver and alert, the first included; after the last failure the delivery is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first failed attempt; doubles after each further failure. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** Upper bound of the wait between two attempts. */
    @WithDefault("30s")
    Duration maxBackoff();
}
