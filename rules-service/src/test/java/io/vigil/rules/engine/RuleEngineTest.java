package io.vigil.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import io.vigil.rules.TestEvents;
import io.vigil.rules.cwlogs.CloudWatchFilterRuleDialect;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.packs.RulePackLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private static final List<RulePack> PACKS = new RulePackLoader().loadBuiltIn(List.of("cis-aws-foundations"));
    private final RuleEngine engine = RuleEngine.compile(PACKS,
            Map.of(CloudWatchFilterRuleDialect.NAME, new CloudWatchFilterRuleDialect()));

    @Test
    void stopLoggingFiresOnlyTheCloudTrailConfigurationRule() {
        // Given
        NormalizedEvent event = TestEvents.sample(TestEvents.STOP_LOGGING);

        // When
        RuleEngine.Evaluation evaluation = engine.evaluate(event);

        // Then
        assertThat(ids(evaluation)).containsExactly("cis-aws-cloudwatch-5");
        assertThat(evaluation.failures()).isEmpty();
    }

    @Test
    void describeInstancesFiresNothing() {
        // Given
        NormalizedEvent event = TestEvents.sample(TestEvents.DESCRIBE_INSTANCES);

        // When
        RuleEngine.Evaluation evaluation = engine.evaluate(event);

        // Then
        assertThat(ids(evaluation)).isEmpty();
        assertThat(evaluation.failures()).isEmpty();
    }

    @Test
    void consoleLoginWithoutMfaFiresOnlyTheMfaRule() {
        // Given
        NormalizedEvent event = TestEvents.sample(TestEvents.CONSOLE_LOGIN_WITHOUT_MFA);

        // When
        RuleEngine.Evaluation evaluation = engine.evaluate(event);

        // Then
        assertThat(ids(evaluation)).containsExactly("cis-aws-cloudwatch-3");
    }

    @Test
    void aRootCallFiresOnlyTheRootUsageRule() {
        // Given
        NormalizedEvent event = TestEvents.sample(TestEvents.ROOT_LIST_BUCKETS);

        // When
        RuleEngine.Evaluation evaluation = engine.evaluate(event);

        // Then
        assertThat(ids(evaluation)).containsExactly("cis-aws-cloudwatch-1");
    }

    @Test
    void accessDeniedFiresOnlyTheUnauthorizedApiCallRule() {
        // Given
        NormalizedEvent event = TestEvents.sample(TestEvents.ACCESS_DENIED);

        // When
        RuleEngine.Evaluation evaluation = engine.evaluate(event);

        // Then
        assertThat(ids(evaluation)).containsExactly("cis-aws-cloudwatch-2");
    }

    @Test
    void aMatcherThatThrowsIsReportedAndDoesNotStopTheOtherRules() {
        // Given
        RulePack pack = new RulePack("test", "packs/test.yaml", List.of(
                rule("broken", "boom"), rule("fine", "{ $.eventName = StopLogging }")));
        RuleEngine mixed = RuleEngine.compile(List.of(pack), Map.of(
                "cloudwatch-filter", new CloudWatchFilterRuleDialect(),
                "throwing", r -> event -> {
                    throw new IllegalStateException("bug in dialect");
                }));

        // When
        RuleEngine.Evaluation evaluation = mixed.evaluate(TestEvents.sample(TestEvents.STOP_LOGGING));

        // Then
        assertThat(ids(evaluation)).containsExactly("fine");
        assertThat(evaluation.failures()).singleElement()
                .satisfies(f -> assertThat(f.rule().id()).isEqualTo("broken"))
                .satisfies(f -> assertThat(f.error()).hasMessage("bug in dialect"));
    }

    @Test
    void disabledRulesAreCompiledButNotEvaluated() {
        // Given
        Rule disabled = new Rule("off", "Off", "", Severity.LOW, false, "cloudwatch-filter",
                "{ $.eventName = StopLogging }", List.of(), List.of(), null);
        RuleEngine withDisabled = RuleEngine.compile(List.of(new RulePack("test", "packs/test.yaml",
                List.of(disabled))), Map.of("cloudwatch-filter", new CloudWatchFilterRuleDialect()));

        // When
        RuleEngine.Evaluation evaluation = withDisabled.evaluate(TestEvents.sample(TestEvents.STOP_LOGGING));

        // Then
        assertThat(ids(evaluation)).isEmpty();
        assertThat(withDisabled.rules()).containsExactly(disabled);
        assertThat(withDisabled.enabledCount()).isZero();
    }

    @Test
    void theCisPackHasFourteenEnabledRules() {
        // Given
        Set<String> expected = IntStream.rangeClosed(1, 14)
                .mapToObj(n -> "cis-aws-cloudwatch-" + n)
                .collect(Collectors.toSet());

        // When
        Set<String> loaded = engine.rules().stream().map(Rule::id).collect(Collectors.toSet());

        // Then
        assertThat(loaded).isEqualTo(expected);
        assertThat(engine.enabledCount()).isEqualTo(14);
    }

    private static Rule rule(String id, String body) {
        return new Rule(id, id, "", Severity.LOW, true,
                id.equals("broken") ? "throwing" : "cloudwatch-filter", body, List.of(), List.of(), null);
    }

    private static List<String> ids(RuleEngine.Evaluation evaluation) {
        return evaluation.matched().stream().map(Rule::id).toList();
    }
}
