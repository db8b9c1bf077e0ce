package io.vigil.bench.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import io.vigil.rules.dialect.ComplianceMatcher;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.engine.RuleEngine;
import io.vigil.rules.eventbridge.EventBridgeRuleDialect;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.packs.RulePackLoader;
import io.vigil.rules.testing.RuleTestCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.event.ruler.GenericMachine;

/**
 * ns/event of the rules engine on one thread, over a realistic mix of {@value #EVENTS} events ({@link RuleEvents}):
 * <ul>
 * <li>{@code engine} with {@code packs=all}: every built-in pack (CIS 14, Config 6, findings 3) and the 57 SigmaHQ
 * CloudTrail rules read from {@code ../shared/sigma-aws/rules} ({@link SigmaCorpusRules}) in one pass; with {@code
 * packs=<dialect>}: only that dialect's rules (ns/event per dialect); {@code all-interpreted}: all
 * packs without the shared automaton, every rule interpreted on every event.</li>
 * <li>{@code rawEventRulerBaseline}: event-ruler alone, a {@code Machine} holding as many pure EventBridge patterns
 * as the engine has rules (the first automaton pattern of each rule, padded with further ones), matching the same
 * events' envelopes, precomputed.</li>
 * </ul>
 * Events/s = 1e9 / ns per event; the ratio engine(all) : baseline is the headline figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEngineBenchmark {

    static final int EVENTS = 1000;
    static final List<String> BUILT_IN = List.of("cis-aws-foundations", "aws-config-checks", "aws-findings");

    @Param({"all", "cloudwatch-filter", "sigma", "config", "finding", "eventbridge", "all-interpreted"})
    public String packs;

    private RuleEngine engine;
    private GenericMachine<String> baseline;
    private List<NormalizedEvent> events;
    private List<JsonNode> envelopes;
    private int baselinePatterns;

    @Setup
    public void setUp() throws Exception {
        List<RulePack> all = allPacks();
        Map<String, RuleDialect> dialects = RuleTestCommand.standardDialects();
        events = RuleEvents.mix(all, EVENTS);
        envelopes = events.stream().map(e -> EventDocument.of(e).envelope()).toList();
        List<String> patterns = baselinePatterns(all, dialects);
        baselinePatterns = patterns.size();
        baseline = GenericMachine.<String>builder().build();
        for (int i = 0; i < patterns.size(); i++) {
            baseline.addRule("baseline-" + i, patterns.get(i));
        }
        engine = switch (packs) {
            case "all" -> RuleEngine.compile(all, dialects);
            case "all-interpreted" -> RuleEngine.compile(all, withoutPrefilters(dialects));
            case "eventbridge" -> RuleEngine.compile(List.of(eventBridgePack(patterns)), dialects);
            default -> RuleEngine.compile(List.of(only(all, packs)), dialects);
        };
    }

    /** All built-in packs (or one dialect's rules) on every event of the mix. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int engine() {
        int fired = 0;
        for (NormalizedEvent event : events) {
            RuleEngine.Evaluation evaluation = engine.evaluate(event);
            fired += evaluation.matched().size() + evaluation.verdicts().size();
        }
        return fired;
    }

    /** Baseline: raw event-ruler with as many pure EventBridge patterns as there are rules, on the same events. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int rawEventRulerBaseline() {
        int fired = 0;
        for (JsonNode envelope : envelopes) {
            fired += baseline.rulesForJSONEvent(envelope).size();
        }
        return fired;
    }

    /** @return the built-in packs and the 57 SigmaHQ rules from {@code ../shared/sigma-aws/rules} */
    static List<RulePack> allPacks() {
        List<RulePack> all = new ArrayList<>(new RulePackLoader().loadBuiltIn(BUILT_IN));
        all.add(SigmaCorpusRules.load());
        return all;
    }

    int baselinePatternCount() {
        return baselinePatterns;
    }

    RuleEngine engineUnderTest() {
        return engine;
    }

    /** One pattern per built-in rule (its first automaton pattern), padded to the rule count with further ones. */
    static List<String> baselinePatterns(List<RulePack> all, Map<String, RuleDialect> dialects) {
        List<String> first = new ArrayList<>();
        List<String> further = new ArrayList<>();
        int rules = 0;
        for (RulePack pack : all) {
            for (Rule rule : pack.rules()) {
                rules++;
                List<String> patterns = dialects.get(rule.dialect()).compile(rule).prefilter().patterns();
                if (!patterns.isEmpty()) {
                    first.add(patterns.getFirst());
                    further.addAll(patterns.subList(1, patterns.size()));
                }
            }
        }
        List<String> patterns = new ArrayList<>(first);
        for (int i = 0; patterns.size() < rules && i < further.size(); i++) {
            patterns.add(further.get(i));
        }
        return patterns;
    }

    private static RulePack eventBridgePack(List<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            rules.add(new Rule("eb-" + i, "eb-" + i, null, Severity.MEDIUM, true, EventBridgeRuleDialect.NAME,
                    patterns.get(i), List.of(), List.of(), null));
        }
        return new RulePack("eventbridge", "bench", rules);
    }

    private static RulePack only(List<RulePack> all, String dialect) {
        List<Rule> rules = all.stream().flatMap(p -> p.rules().stream()).filter(r -> r.dialect().equals(dialect))
                .toList();
        return new RulePack(dialect, "bench", rules);
    }

    private static Map<String, RuleDialect> withoutPrefilters(Map<String, RuleDialect> dialects) {
        Map<String, RuleDialect> stripped = new HashMap<>();
        dialects.forEach((name, dialect) -> stripped.put(name, rule -> interpretedOnly(dialect.compile(rule))));
        return stripped;
    }

    private static RuleMatcher interpretedOnly(RuleMatcher matcher) {
        if (matcher instanceof ComplianceMatcher compliance) {
            return (ComplianceMatcher) compliance::evaluate;
        }
        return new RuleMatcher() {
            @Override
            public boolean matches(EventDocument document) {
                return matcher.matches(document);
            }

            @Override
            public Prefilter prefilter() {
                return Prefilter.NONE;
            }
        };
    }
}
