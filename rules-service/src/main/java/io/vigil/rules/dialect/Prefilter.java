package io.vigil.rules.dialect;

import java.util.List;

/**
 * The part of a rule the engine compiles into its one event-ruler automaton. Every pattern is an EventBridge event
 * pattern over {@link EventDocument#envelope()}; several patterns are alternatives.
 *
 * <p>Contract: when {@code patterns} is not empty, every event the rule matches matches at least one pattern (the
 * patterns are <i>necessary</i>), so events no pattern matches are never interpreted. When {@code sufficient}, a
 * pattern
 * match also implies a rule match and the matcher is not run, except that {@code cloudTrailOnly} rules still need
 * the event to be a CloudTrail record.
 *
 * @param patterns EventBridge patterns (JSON); empty when the rule cannot be prefiltered
 * @param sufficient whether a pattern match is a rule match
 * @param cloudTrailOnly whether the rule only ever matches CloudTrail records
 */
public record Prefilter(List<String> patterns, boolean sufficient, boolean cloudTrailOnly) {

    /** No prefilter: the matcher runs on every event. */
    public static final Prefilter NONE = new Prefilter(List.of(), false, false);

    public Prefilter {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty() && sufficient) {
            throw new IllegalArgumentException("a prefilter without patterns cannot be sufficient");
        }
    }

    /** @return whether there is anything to compile */
    public boolean available() {
        return !patterns.isEmpty();
    }
}
