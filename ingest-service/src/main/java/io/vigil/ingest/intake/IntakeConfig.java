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

    /**
     * Longest accepted string value or field name, in characters; longer ones are rejected as FIELD_TOO_LONG while
     * parsing. IAM policy documents in CloudTrail records reach about 10 000 characters.
     */
    @WithDefault("32768")
    int maxFieldLength();

    /** Most findings accepted in one Security Hub message; more are rejected as TOO_MANY_ITEMS. */
    @WithDefault("100")
    int maxFindingsPerMessage();

    /** How far in the future an event's time may be (clock skew) before it is rejected as FUTURE_TIMESTAMP. */
    @WithDefault("15m")
    Duration maxClockSkew();

    /** Whether well-formed EventBridge events of kinds Vigil does not normalize pass through as generic events. */
    @WithDefault("true")
    boolean passGenericEvents();
}
