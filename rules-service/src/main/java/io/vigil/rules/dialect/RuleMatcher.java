package io.vigil.rules.dialect;

import io.vigil.contract.NormalizedEvent;
import java.util.List;

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

    /**
     * @return tags the dialect adds to the rule's alerts, e.g. the author attribution a rule's licence requires
     *         ({@code sigma-author:<name>} for Sigma rules under DRL 1.1); empty by default
     */
    default List<String> alertTags() {
        return List.of();
    }
}
