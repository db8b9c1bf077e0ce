package io.vigil.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.NormalizedEvent;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.SigmaCorpus;
import io.vigil.rules.packs.RulePackLoader;
import io.vigil.rules.testing.RuleTestCommand;
import io.vigil.rules.testing.TestInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The one shared event-ruler automaton changes speed, never results: on every embedded test event of every built-in
 * pack and every test record of the SigmaHQ rules (loaded from {@code ../shared/sigma-aws/rules}), the engine fires
 * exactly the rules that interpreting each rule alone fires.
 */
class SharedAutomatonTest {

    private static final List<String> PACKS = List.of("cis-aws-foundations", "aws-config-checks", "aws-findings");

    /** Sigma rules whose prefilter decides them (plain values, case-insensitive by default). */
    private static final int SUFFICIENT = 37;

    /** The built-in packs and the 57 SigmaHQ rules with the tests Vigil keeps for them. */
    private static List<RulePack> packs() {
        List<RulePack> packs = new ArrayList<>(new RulePackLoader().loadBuiltIn(PACKS));
        Map<String, List<RuleTest>> sigmaTests = new RulePackLoader().loadRuleTests(SigmaCorpus.ruleTests());
        RulePack sigma = SigmaCorpus.rules();
        packs.add(new RulePack(sigma.name(), sigma.source(), sigma.rules().stream()
                .map(r -> r.withMoreTests(sigmaTests.getOrDefault(r.id(), List.of())))
                .toList()));
        return packs;
    }

    @Test
    void theEngineFiresExactlyWhatInterpretingEveryRuleAloneFires() {
        // Given
        Map<String, RuleDialect> dialects = RuleTestCommand.standardDialects();
        List<RulePack> packs = packs();
        RuleEngine engine = RuleEngine.compile(packs, dialects);
        List<Rule> rules = packs.stream().flatMap(p -> p.rules().stream()).toList();
        List<RuleMatcher> alone = rules.stream().map(r -> dialects.get(r.dialect()).compile(r)).toList();
        List<NormalizedEvent> events = new ArrayList<>();
        rules.forEach(r -> r.tests().stream().map(TestInputs::normalize).forEach(events::add));

        // When
        List<String> disagreements = new ArrayList<>();
        for (NormalizedEvent event : events) {
            Set<String> fromEngine = fired(engine.evaluate(event));
            Set<String> interpreted = new TreeSet<>();
            for (int i = 0; i < rules.size(); i++) {
                if (alone.get(i).matches(event)) {
                    interpreted.add(rules.get(i).id());
                }
            }
            if (!fromEngine.equals(interpreted)) {
                disagreements.add(event.sourceEventId() + ": engine " + fromEngine + " alone " + interpreted);
            }
        }

        // Then
        assertThat(events).hasSizeGreaterThan(150);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void allButTheRegexRuleAreInTheAutomatonAndEveryCandidateIsConfirmedByItsMatcher() {
        // Given
        List<RulePack> packs = packs();

        // When
        RuleEngine engine = RuleEngine.compile(packs, RuleTestCommand.standardDialects());

        // Then: 14 CIS + 57 Sigma + 6 Config + 3 findings; the Sigma IMDS rule's prefilter is a *literal* wildcard,
        // which slows the automaton more than interpreting the rule costs, so it is interpreted on every event
        assertThat(engine.enabledCount()).isEqualTo(80);
        assertThat(engine.prefilteredCount()).isEqualTo(79);
        // Sigma rules of plain (case-insensitive) values are decided by the automaton alone
        assertThat(engine.sufficientCount()).isEqualTo(SUFFICIENT);
    }

    @Test
    void aWildcardStartingWithAStarMakesTheCaseInsensitivePrefiltersConfirmedByTheirMatchers() throws Exception {
        // Given: an EventBridge rule with a leading-* wildcard on eventName, loaded before the Sigma rules; event-ruler
        // 2.1.0 then skips the first character of the Sigma rules' equals-ignore-case values on that field
        List<RulePack> packs = new ArrayList<>(List.of(new RulePack("wildcard", "test", List.of(new Rule("create-calls",
                "create calls", null, io.vigil.contract.Severity.LOW, true, "eventbridge",
                "{\"detail\":{\"eventName\":[{\"wildcard\":\"*Create*\"}]}}", List.of(), List.of(), null)))));
        packs.addAll(packs());
        RuleEngine engine = RuleEngine.compile(packs, RuleTestCommand.standardDialects());
        NormalizedEvent lookalike = TestInputs.normalize(new RuleTest("long s", RuleTest.TestInput.CLOUDTRAIL,
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                        {"eventVersion":"1.08","eventSource":"cloudtrail.amazonaws.com","eventName":"\u017ftopLogging",
                         "awsRegion":"us-east-1","recipientAccountId":"111122223333",
                         "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice"}}"""),
                true, null));

        // When
        Set<String> fired = fired(engine.evaluate(lookalike));

        // Then: only the wildcard rule itself stays decided by the automaton; the Sigma CloudTrail rule does not fire
        assertThat(fired).doesNotContain(io.vigil.rules.SigmaCorpus.AWS_CLOUDTRAIL_DISABLE_LOGGING);
        assertThat(engine.sufficientCount()).isEqualTo(1);
    }

    @Test
    void matchingTheEventsNameValuePairsSelectsExactlyTheRulesMatchingTheWholeEnvelopeSelects() {
        // Given: every test event, and variants of each that probe the pairs form: a field removed, null, a number,
        // a boolean, upper case, wrapped in an object or an array, or written as a dotted key one level up
        List<RulePack> packs = packs();
        RuleEngine engine = RuleEngine.compile(packs, RuleTestCommand.standardDialects());
        List<NormalizedEvent> events = new ArrayList<>();
        packs.stream().flatMap(p -> p.rules().stream()).flatMap(r -> r.tests().stream()).map(TestInputs::normalize)
                .forEach(event -> events.addAll(EventVariants.of(event)));
        List<String> disagreements = new ArrayList<>();
        int byPairs = 0;

        // When
        for (NormalizedEvent event : events) {
            EventDocument document = EventDocument.of(event);
            Set<Integer> fromPairs = new TreeSet<>(engine.candidates(document));
            Set<Integer> fromEnvelope = new TreeSet<>(engine.candidatesFromEnvelope(document));
            byPairs += engine.matchesNameValuePairs() && !engine.usesWholeEnvelope(document) ? 1 : 0;
            if (!fromPairs.equals(fromEnvelope)) {
                disagreements.add("pairs " + fromPairs + " envelope " + fromEnvelope + " on " + event.raw());
            }
        }

        // Then
        assertThat(disagreements).isEmpty();
        assertThat(events).hasSizeGreaterThan(5_000);
        assertThat(byPairs).as("most events are matched by their pairs").isGreaterThan(events.size() * 3 / 4);
    }

    private static Set<String> fired(RuleEngine.Evaluation evaluation) {
        Set<String> ids = new TreeSet<>(evaluation.matched().stream().map(Rule::id).toList());
        evaluation.verdicts().stream()
                .filter(v -> v.result().status() == io.vigil.contract.ComplianceStatus.NON_COMPLIANT)
                .forEach(v -> ids.add(v.rule().id()));
        return ids;
    }
}
