package io.vigil.rules.engine;

import io.vigil.contract.NormalizedEvent;
import io.vigil.rules.dialect.ComplianceMatcher;
import io.vigil.rules.dialect.ComplianceResult;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.event.ruler.GenericMachine;

/**
 * Every loaded rule, compiled. {@link #evaluate(NormalizedEvent)} runs all enabled rules on one event in one pass.
 *
 * <p>Speed: the {@link Prefilter} patterns of every enabled rule, whatever its dialect, are compiled into ONE
 * event-ruler automaton. An event is matched against it once; only rules it selects (or that have no prefilter) are
 * interpreted, and rules whose prefilter is sufficient are not interpreted at all. Immutable and thread-safe once
 * built; a rule change builds a new engine.
 */
public final class RuleEngine {

    /** A {@code wildcard} value starting with {@code *}, however the pattern's JSON is spaced. */
    private static final Pattern LEADING_WILDCARD = Pattern.compile("\"wildcard\"\\s*:\\s*\"\\*");

    private final List<Rule> rules;
    private final List<CompiledRule> enabled;
    private final GenericMachine<Integer> machine;
    private final GenericMachine<Integer> flatMachine;
    private final AutomatonFields fields;
    private final int[] alwaysInterpreted;

    private RuleEngine(List<Rule> rules, List<CompiledRule> enabled, GenericMachine<Integer> machine,
            FlatAutomaton flat, int[] alwaysInterpreted) {
        this.rules = List.copyOf(rules);
        this.enabled = List.copyOf(enabled);
        this.machine = machine;
        this.flatMachine = flat == null ? null : flat.machine();
        this.fields = flat == null ? null : flat.fields();
        this.alwaysInterpreted = alwaysInterpreted;
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
        GenericMachine<Integer> machine = GenericMachine.<Integer>builder().build();
        List<Integer> always = new ArrayList<>();
        Map<Integer, List<String>> patterns = new HashMap<>();
        for (RulePack pack : packs) {
            for (Rule rule : pack.rules()) {
                String previous = sources.putIfAbsent(rule.id(), pack.source());
                if (previous != null) {
                    throw RuleLoadException.of(pack.source(), rule.id(), "id",
                            "duplicate rule id, already defined in " + previous);
                }
                RuleMatcher matcher = compileRule(pack, rule, dialects);
                all.add(rule);
                if (!rule.enabled()) {
                    continue;
                }
                Rule alerting = withAlertTags(rule, matcher.alertTags());
                int index = enabled.size();
                Prefilter prefilter = matcher.prefilter();
                boolean prefiltered = prefilter.available() && addPatterns(machine, index, prefilter, pack, rule);
                enabled.add(new CompiledRule(alerting, matcher, prefiltered, prefiltered && prefilter.sufficient(),
                        prefilter.cloudTrailOnly()));
                if (prefiltered) {
                    patterns.put(index, prefilter.patterns());
                } else {
                    always.add(index);
                }
            }
        }
        if (patterns.values().stream().flatMap(List::stream).anyMatch(RuleEngine::hasLeadingWildcard)) {
            enabled.replaceAll(RuleEngine::confirmedIfIgnoringCase);
        }
        return new RuleEngine(all, enabled, machine, FlatAutomaton.of(patterns),
                always.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The same automaton over flat names ({@link AutomatonFields}), which the engine matches against the event's
     * name/value pairs.
     */
    private record FlatAutomaton(GenericMachine<Integer> machine, AutomatonFields fields) {

        /** @return the flat automaton, or null when a pattern cannot be flattened (every event is matched exactly) */
        static FlatAutomaton of(Map<Integer, List<String>> patternsByRule) {
            GenericMachine<Integer> machine = GenericMachine.<Integer>builder().build();
            List<String> flat = new ArrayList<>();
            try {
                for (Map.Entry<Integer, List<String>> rule : patternsByRule.entrySet()) {
                    for (String pattern : rule.getValue()) {
                        for (String flatPattern : AutomatonFields.flatten(pattern)) {
                            machine.addRule(rule.getKey(), flatPattern);
                            flat.add(flatPattern);
                        }
                    }
                }
            } catch (Exception e) {
                // an odd pattern (a key with the separator, a path named twice): the exact automaton serves alone
                return null;
            }
            return new FlatAutomaton(machine, AutomatonFields.of(flat));
        }
    }

    private static boolean hasLeadingWildcard(String pattern) {
        return LEADING_WILDCARD.matcher(pattern).find();
    }

    /**
     * event-ruler 2.1.0 skips the first character of an {@code equals-ignore-case} value added after a wildcard
     * starting with {@code *} on the same field (docs/sigma.md): with such a wildcard in the automaton, a sufficient
     * prefilter that ignores case is confirmed by its matcher instead.
     */
    private static CompiledRule confirmedIfIgnoringCase(CompiledRule compiled) {
        boolean ignoresCase = compiled.matcher().prefilter().patterns().stream()
                .anyMatch(pattern -> pattern.contains("equals-ignore-case"));
        return compiled.sufficient() && ignoresCase
                ? new CompiledRule(compiled.rule(), compiled.matcher(), compiled.prefiltered(), false,
                        compiled.cloudTrailOnly())
                : compiled;
    }

    /** @return the rule as its alerts describe it: its tags plus those its dialect adds */
    private static Rule withAlertTags(Rule rule, List<String> extra) {
        if (extra.isEmpty()) {
            return rule;
        }
        List<String> tags = new ArrayList<>(rule.tags());
        extra.stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
        return new Rule(rule.id(), rule.title(), rule.description(), rule.severity(), rule.enabled(), rule.dialect(),
                rule.body(), tags, rule.controls(), rule.runbookUrl(), rule.dedupKey(), rule.useEventSeverity(),
                rule.tests());
    }

    static RuleMatcher compileRule(RulePack pack, Rule rule, Map<String, RuleDialect> dialects) {
        RuleDialect dialect = dialects.get(rule.dialect());
        if (dialect == null) {
            throw RuleLoadException.of(pack.source(), rule.id(), "dialect", "unknown dialect '"
                    + rule.dialect() + "'; known dialects: " + String.join(", ", new TreeSet<>(dialects.keySet())));
        }
        try {
            return dialect.compile(rule);
        } catch (RuleCompileException e) {
            throw new RuleLoadException(pack.source() + ": rule '" + rule.id() + "': field 'body': "
                    + e.getMessage(), e);
        }
    }

    private static boolean addPatterns(GenericMachine<Integer> machine, int index, Prefilter prefilter,
            RulePack pack, Rule rule) {
        for (String pattern : prefilter.patterns()) {
            try {
                machine.addRule(index, pattern);
            } catch (Exception e) {
                // A dialect produced a pattern event-ruler rejects: a bug in the dialect, not in the rule.
                throw new RuleLoadException(pack.source() + ": rule '" + rule.id() + "': its " + rule.dialect()
                        + " prefilter pattern does not compile in event-ruler: " + e.getMessage() + "; pattern: "
                        + pattern, e);
            }
        }
        return true;
    }

    /**
     * Evaluates every enabled rule on the event. A matcher that throws does not stop the others: the rule counts as
     * not matched and is reported in {@link Evaluation#failures()}.
     *
     * @return the matched rules in load order, the Config verdicts, and the failures
     */
    public Evaluation evaluate(NormalizedEvent event) {
        EventDocument document = EventDocument.of(event);
        BitSet candidates = new BitSet(enabled.size());
        for (Integer index : candidates(document)) {
            candidates.set(index);
        }
        for (int index : alwaysInterpreted) {
            candidates.set(index);
        }
        // most events match nothing: the lists are allocated at their first element
        List<Rule> matched = List.of();
        List<ComplianceVerdict> verdicts = List.of();
        List<RuleFailure> failures = List.of();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompiledRule compiled = enabled.get(i);
            try {
                if (compiled.matcher() instanceof ComplianceMatcher compliance) {
                    ComplianceResult result = compliance.evaluate(document);
                    if (result != null) {
                        verdicts = added(verdicts, new ComplianceVerdict(compiled.rule(), result));
                    }
                } else if (compiled.sufficient()
                        ? !compiled.cloudTrailOnly() || document.isCloudTrail()
                        : compiled.matcher().matches(document)) {
                    matched = added(matched, compiled.rule());
                }
            } catch (RuntimeException e) {
                failures = added(failures, new RuleFailure(compiled.rule(), e));
            }
        }
        return new Evaluation(matched, verdicts, failures);
    }

    /** @return {@code list} with {@code element} appended; {@code list} is the empty {@code List.of()} or growable */
    private static <T> List<T> added(List<T> list, T element) {
        List<T> growable = list instanceof ArrayList<T> ? list : new ArrayList<>(list);
        growable.add(element);
        return growable;
    }

    /**
     * @return the rules the automaton selects: from the event's name/value pairs on the automaton's paths, or, when
     *         such a path goes through an array, from the whole envelope with event-ruler's array-consistent matching
     *         (see {@link AutomatonFields})
     */
    List<Integer> candidates(EventDocument document) {
        String[] nameValues = fields == null ? null : fields.nameValues(document);
        return nameValues != null
                ? flatMachine.rulesForEvent(nameValues)
                : machine.rulesForJSONEvent(document.envelope());
    }

    /** @return the rules the automaton selects on the whole envelope, array-consistently; the reference for tests */
    List<Integer> candidatesFromEnvelope(EventDocument document) {
        return machine.rulesForJSONEvent(document.envelope());
    }

    /** @return whether this event is matched by its whole envelope rather than by its name/value pairs */
    boolean usesWholeEnvelope(EventDocument document) {
        return fields == null || fields.nameValues(document) == null;
    }

    /** @return whether events are matched by their name/value pairs (else always by the whole envelope) */
    boolean matchesNameValuePairs() {
        return fields != null;
    }

    /** @return every loaded rule, enabled or not, in load order */
    public List<Rule> rules() {
        return rules;
    }

    /** @return how many rules {@link #evaluate(NormalizedEvent)} runs */
    public int enabledCount() {
        return enabled.size();
    }

    /** @return how many enabled rules have a prefilter in the shared automaton */
    public int prefilteredCount() {
        return (int) enabled.stream().filter(CompiledRule::prefiltered).count();
    }

    /** @return how many enabled rules the automaton decides alone, without interpreting them */
    public int sufficientCount() {
        return (int) enabled.stream().filter(CompiledRule::sufficient).count();
    }

    private record CompiledRule(Rule rule, RuleMatcher matcher, boolean prefiltered, boolean sufficient,
            boolean cloudTrailOnly) {
    }

    /**
     * The outcome of evaluating one event.
     *
     * @param matched the rules that matched, in load order (Config rules are reported in {@code verdicts} instead)
     * @param verdicts the Config rules' verdicts on the configuration item the event carries, in load order
     * @param failures rules whose matcher threw; each counts as not matched
     */
    public record Evaluation(List<Rule> matched, List<ComplianceVerdict> verdicts, List<RuleFailure> failures) {
        public Evaluation {
            matched = List.copyOf(matched);
            verdicts = List.copyOf(verdicts);
            failures = List.copyOf(failures);
        }
    }

    /**
     * A Config rule's verdict on one event.
     *
     * @param rule the rule
     * @param result its verdict
     */
    public record ComplianceVerdict(Rule rule, ComplianceResult result) {
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
