package io.vigil.notify.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How long notify-service keeps its state: {@code vigil.notify.retention.*}. */
@ConfigMapping(prefix = "vigil.notify.retention")
public interface RetentionConfig {

    /**
     * How long alerts, delivered notifications, ledger rows, group members and ended silences are kept (e.g.
     * {@code 400d}); absent: kept forever.
     */
    Optional<Duration> keep();

    /** How often retention looks for rows to remove. */
    @WithDefault("1h")
    Duration checkInterval();

    /** Rows removed per table and transaction, so that no lock is held long. */
    @WithDefault("1000")
    int batchSize();
}
