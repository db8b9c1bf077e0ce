package io.vigil.audit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Evidence retention ({@code vigil.audit.retention.*}). */
@ConfigMapping(prefix = "vigil.audit.retention")
interface RetentionConfig {

    /**
     * How long evidence is kept, e.g. {@code 400d}. Whole UTC days are dropped once they are entirely older than
     * this. Absent: evidence is kept forever.
     */
    Optional<Duration> keep();

    /** How often retention is applied. */
    @WithDefault("PT1H")
    Duration checkInterval();
}
