package io.vigil.ingest.intake;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits applied to every piece of input before it is normalized. */
@ConfigMapping(prefix = "vigil.ingest.intake")
public interface IntakeConfig {

    /** Largest accepted input. EventBridge events are at most 256 KiB; SQS messages may be up to 1 MiB. */
    @WithDefault("256K")
    MemorySize maxMessageSize();

    /** Deepest accepted JSON nesting; deeper documents are rejected as TOO_DEEP before any mapping. */
    @WithDefault("64")
    int maxNestingDepth();

    /** How far in the future an event's time may be (clock skew) before it is rejected as FUTURE_TIMESTAMP. */
    @WithDefault("15m")
    Duration maxClockSkew();

    /** Whether well-formed EventBridge events of kinds Vigil does not normalize pass through as generic events. */
    @WithDefault("true")
    boolean passGenericEvents();
}
