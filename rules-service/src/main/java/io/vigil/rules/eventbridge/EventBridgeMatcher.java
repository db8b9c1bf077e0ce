package io.vigil.rules.eventbridge;

import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleMatcher;
import software.amazon.event.ruler.Machine;

/**
 * One pattern in its own automaton, for evaluating the rule alone (rule tests); the engine uses the
 * {@link #prefilter()} instead, which is the pattern itself and therefore sufficient.
 */
record EventBridgeMatcher(Machine machine, Prefilter prefilter) implements RuleMatcher {

    @Override
    public boolean matches(EventDocument document) {
        return !machine.rulesForJSONEvent(document.envelope()).isEmpty();
    }
}
