package io.vigil.rules.eventbridge;

import io.vigil.rules.RulesConfig;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.List;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.MachineComplexityEvaluator;

/**
 * EventBridge event patterns, with every operator event-ruler supports (exact, prefix, suffix, wildcard,
 * equals-ignore-case, anything-but, numeric, cidr, exists, {@code $or}), matched against the event's EventBridge
 * envelope ({@link io.vigil.rules.dialect.EventDocument#envelope()}). A pattern whose automaton is more complex than
 * {@code vigil.rules.eventbridge.max-complexity} (event-ruler's {@link MachineComplexityEvaluator}; wildcards with
 * many {@code *} are what make it grow) is rejected at load time, since its matching cost would be unbounded.
 */
@ApplicationScoped
@Named(EventBridgeRuleDialect.NAME)
public class EventBridgeRuleDialect implements RuleDialect {

    /** The dialect name rules use. */
    public static final String NAME = "eventbridge";

    private final int maxComplexity;

    @Inject
    public EventBridgeRuleDialect(RulesConfig config) {
        this(config.eventbridge().maxComplexity());
    }

    /** @param maxComplexity the largest event-ruler complexity a pattern may have */
    public EventBridgeRuleDialect(int maxComplexity) {
        this.maxComplexity = maxComplexity;
    }

    @Override
    public RuleMatcher compile(Rule rule) {
        String problem = JsonRuleCompiler.check(rule.body());
        if (problem != null) {
            throw new RuleCompileException("invalid EventBridge pattern: " + problem);
        }
        Machine machine = Machine.builder().build();
        try {
            machine.addRule(rule.id(), rule.body());
        } catch (IOException | RuntimeException e) {
            throw new RuleCompileException("invalid EventBridge pattern: " + e.getMessage(), e);
        }
        int complexity = machine.evaluateComplexity(new MachineComplexityEvaluator(maxComplexity));
        if (complexity >= maxComplexity) {
            throw new RuleCompileException("EventBridge pattern too complex: event-ruler complexity " + complexity
                    + " reaches the limit " + maxComplexity + " (vigil.rules.eventbridge.max-complexity); "
                    + "use fewer '*' in wildcard patterns or split the rule");
        }
        return new EventBridgeMatcher(machine, new Prefilter(List.of(rule.body()), true, false));
    }
}
