package io.vigil.rules.dialect;

import io.vigil.contract.NormalizedEvent;

/** A compiled rule body: decides whether one event matches. Immutable and thread-safe; see {@link RuleDialect}. */
@FunctionalInterface
public interface RuleMatcher {

    /** @return whether the event matches the rule */
    boolean matches(EventDocument document);

    /** @return whether the event matches the rule */
    default boolean matches(NormalizedEvent event) {
        return matches(EventDocument.of(event));
    }

    /**
     * @return what the shared event-ruler automaton can decide for this rule before {@link #matches} runs;
     *         {@link Prefilter#NONE} when every event must be interpreted
     */
    default Prefilter prefilter() {
        return Prefilter.NONE;
    }
}
