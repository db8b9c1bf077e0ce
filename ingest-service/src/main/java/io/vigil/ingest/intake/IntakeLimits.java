package io.vigil.ingest.intake;

import io.vigil.contract.NormalizedEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * The limits every piece of input is held to (see {@link IntakeConfig} for their meaning and defaults).
 *
 * @param maxMessageBytes largest body
 * @param maxNestingDepth deepest JSON nesting
 * @param maxFieldLength longest string or field name
 * @param maxFindingsPerMessage most findings in one message
 * @param maxClockSkew how far ahead of now an event's time may be
 */
public record IntakeLimits(long maxMessageBytes, int maxNestingDepth, int maxFieldLength, int maxFindingsPerMessage,
        Duration maxClockSkew) {

    /** The defaults of {@link IntakeConfig}. */
    public static IntakeLimits defaults() {
        return new IntakeLimits(256 * 1024, 64, 32768, 100, Duration.ofMinutes(15));
    }

    /** @return why the event's time is too far ahead, or null when it is not */
    String futureTimeProblem(NormalizedEvent event, Instant now) {
        if (event.time() != null && event.time().isAfter(now.plus(maxClockSkew))) {
            return "event " + event.sourceEventId() + " has time " + event.time() + ", more than " + maxClockSkew
                    + " ahead of now (vigil.ingest.intake.max-clock-skew)";
        }
        return null;
    }
}
