package io.vigil.rules.engine;

import io.vigil.contract.NormalizedEvent;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every loaded rule, compiled. {@link #evaluate(NormalizedEvent)} runs all enabled rules on one event in one pass.
 * Immutable and thread-safe once built; a rule change builds a new engine.
 */
public final class RuleEngine {

    private final List<Rule> rules;
    private final List<CompiledRule> enabled;

    private RuleEngine(List<Rule> rules, List<CompiledRule> enabled) {
        this.rules = List.copyOf(rules);
        this.enabled = List.copyOf(enabled);
    }

    /**
     * Compiles every rule of the packs, enabled or not, with the dialect it names.
     *
     * @param packs the loaded packs, in evaluation order
     * @param dialects the available dialects by name
     * @throws RuleLoadException naming the pack file, rule id and field when a rule names an unknown dialect, its body
     *         does not compile, or its id is used twice
     */
    public static RuleEngine compile(List<RulePack> packs, Map<String, RuleDialect> dialects) {
        List<Rule> all = new ArrayList<>();
        List<CompiledRule> enabled = new ArrayList<>();
        Map<String, String> sources = new HashMap<>();
        for (RulePack pack : packs) {
            for (Rule rule : pack.rules()) {
                String previous = sources.putIfAbsent(rule.id(), pack.source());
                if (previous != null) {
                    throw RuleLoadException.of(pack.source(), rule.id(), "id",
                            "duplicate rule id, already defined in " + previous);
                }
                RuleDialect dialect = dialects.get(rule.dialect());
                if (dialect == null) {
                    throw RuleLoadException.of(pack.source(), rule.id(), "dialect", "unknown dialect '"
                            + rule.dialect() + "'; known dialects: " + String.join(", ", new TreeSet<>(dialects.keySet())));
                }
                RuleMatcher matcher;
                try {
                    matcher = dialect.compile(rule);
                } catch (RuleCompileException e) {
                    throw new RuleLoadException(pack.source() + ": rule '" + rule.id() + "': field 'body': "
                            + e.getMessage(), e);
                }
                all.add(rule);
                if (rule.enabled()) {
                    enabled.add(new CompiledRule(rule, matcher));
                }
            }
        }
        return new RuleEngine(all, enabled);
    }

    /**
     * Evaluates every enabled rule on the event. A matcher that throws does not stop the others: the rule counts as
     * not matched and is reported in {@link Evaluation#failures()}.
     *
     * @return the matched rules in load order, and the failures
     */
    public Evaluation evaluate(NormalizedEvent event) {
        List<Rule> matched = new ArrayList<>();
        List<RuleFailure> failures = new ArrayList<>();
        for (CompiledRule compiled : enabled) {
            try {
                if (compiled.matcher().matches(event)) {
                    matched.add(compiled.rule());
                }
            } catch (RuntimeException e) {
                failures.add(new RuleFailure(compiled.rule(), e));
            }
        }
        return new Evaluation(matched, failures);
    }

    /** @return every loaded rule, enabled or not, in load order */
    public List<Rule> rules() {
        return rules;
    }

    /** @return how many rules {@link #evaluate(NormalizedEvent)} runs */
    public int enabledCount() {
        return enabled.size();
    }

    private record CompiledRule(Rule rule, RuleMatcher matcher) {
    }

    /**
     * The outcome of evaluating one event.
     *
     * @param matched the rules that matched, in load order
     * @param failures rules whose matcher threw; each counts as not matched
     */
    public record Evaluation(List<Rule> matched, List<RuleFailure> failures) {
        public Evaluation {
            matched = List.copyOf(matched);
            failures = List.copyOf(failures);
        }
    }

    /**
     * A matcher that threw on an event: a bug in a dialect.
     *
     * @param rule the rule
     * @param error what it threw
     */
    public record RuleFailure(Rule rule, RuntimeException error) {
    }
}
