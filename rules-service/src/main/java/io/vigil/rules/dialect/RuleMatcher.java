package io.vigil.rules.dialect;

import io.vigil.contract.NormalizedEvent;

/** A compiled rule body: decides whether one event matches. Immutable and thread-safe; see {@link RuleDialect}. */
@FunctionalInterface
public interface RuleMatcher {

    /** @return whether the event matches the rule */
    boolean matches(NormalizedEvent event);
}
