package io.vigil.rules.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.rules.dialect.ComplianceMatcher;
import io.vigil.rules.dialect.ComplianceResult;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.engine.RuleEngine;
import io.vigil.rules.engine.RuleEngine.ComplianceVerdict;
import io.vigil.rules.engine.RuleEngine.Evaluation;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.model.RuleTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the embedded tests of rules. Each test event goes through the whole engine (the shared automaton, then the
 * interpreter), exactly as in production; the rule's matcher alone must agree, so a prefilter that drops a match is
 * reported too. Optionally checks coverage: every rule has a test that matches and one that does not.
 */
public final class RuleTestRunner {

    private final Map<String, RuleDialect> dialects;

    /** @param dialects the dialects by name */
    public RuleTestRunner(Map<String, RuleDialect> dialects) {
        this.dialects = Map.copyOf(dialects);
    }

    /**
     * @param packs the loaded packs
     * @param requireCoverage whether a rule without a positive and a negative test fails
     * @throws io.vigil.rules.model.RuleLoadException when a rule does not compile
     */
    public RuleTestReport run(List<RulePack> packs, boolean requireCoverage) {
        RuleEngine engine = RuleEngine.compile(packs, dialects);
        List<RuleTestReport.Failure> failures = new ArrayList<>();
        int tests = 0;
        for (RulePack pack : packs) {
            for (Rule rule : pack.rules()) {
                RuleMatcher alone = dialects.get(rule.dialect()).compile(rule);
                for (RuleTest test : rule.tests()) {
                    tests++;
                    String failure = check(engine, rule, alone, test);
                    if (failure != null) {
                        failures.add(new RuleTestReport.Failure(pack.source(), rule.id(), test.name(), failure,
                                pretty(test.document())));
                    }
                }
                if (requireCoverage) {
                    coverage(pack, rule).ifPresent(failures::add);
                }
            }
        }
        return new RuleTestReport(tests, failures);
    }

    private static Optional<RuleTestReport.Failure> coverage(RulePack pack, Rule rule) {
        boolean positive = rule.tests().stream().anyMatch(RuleTest::expectMatch);
        boolean negative = rule.tests().stream().anyMatch(t -> !t.expectMatch());
        if (positive && negative) {
            return Optional.empty();
        }
        return Optional.of(new RuleTestReport.Failure(pack.source(), rule.id(), "(coverage)",
                "needs at least one 'expect: match' and one 'expect: no-match' test; has "
                        + (positive ? "no no-match test" : negative ? "no match test" : "no tests"),
                null));
    }

    private static String check(RuleEngine engine, Rule rule, RuleMatcher alone, RuleTest test) {
        NormalizedEvent event;
        try {
            event = TestInputs.normalize(test);
        } catch (IllegalArgumentException e) {
            return "input cannot be normalized: " + e.getMessage();
        }
        Evaluation evaluation = engine.evaluate(event);
        if (alone instanceof ComplianceMatcher compliance) {
            ComplianceResult aloneResult = compliance.evaluate(EventDocument.of(event));
            ComplianceResult result = evaluation.verdicts().stream()
                    .filter(v -> v.rule().id().equals(rule.id()))
                    .map(ComplianceVerdict::result)
                    .findFirst()
                    .orElse(null);
            if (result == null && aloneResult != null) {
                return "the engine's automaton skipped the event but the rule evaluates it to "
                        + aloneResult.status() + " (" + aloneResult.annotation() + ")";
            }
            String actual = result == null
                    ? "not evaluated (not a configuration item of the rule's resource type)"
                    : result.status() + " (" + result.annotation() + ")";
            if (test.compliance() != null && (result == null || result.status() != test.compliance())) {
                return "expected " + test.compliance() + " but was " + actual;
            }
            boolean nonCompliant = result != null && result.status() == ComplianceStatus.NON_COMPLIANT;
            if (nonCompliant != test.expectMatch()) {
                return "expected " + (test.expectMatch() ? "NON_COMPLIANT" : "not NON_COMPLIANT") + " but was "
                        + actual;
            }
            return null;
        }
        boolean matched = evaluation.matched().stream().anyMatch(r -> r.id().equals(rule.id()));
        boolean failed = evaluation.failures().stream().anyMatch(f -> f.rule().id().equals(rule.id()));
        if (failed) {
            return "the rule threw while matching: " + evaluation.failures().stream()
                    .filter(f -> f.rule().id().equals(rule.id())).findFirst().orElseThrow().error();
        }
        boolean matchedAlone = alone.matches(EventDocument.of(event));
        if (matched != matchedAlone && rule.enabled()) {
            return "the engine says " + verdict(matched) + " but the rule alone says " + verdict(matchedAlone)
                    + " (the shared automaton disagrees with the interpreter)";
        }
        boolean actual = rule.enabled() ? matched : matchedAlone;
        if (actual != test.expectMatch()) {
            return "expected " + verdict(test.expectMatch()) + " but was " + verdict(actual);
        }
        return null;
    }

    private static String verdict(boolean match) {
        return match ? "match" : "no-match";
    }

    private static String pretty(JsonNode document) {
        try {
            return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            return document.toString();
        }
    }
}
