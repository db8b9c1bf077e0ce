package io.vigil.rules.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.testing.TestInputs;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Findings pass-through at or above a configured or per-rule severity. */
class FindingRuleDialectTest {

    private final NormalizedEvent highGuardDuty = event("guardduty-ssh-brute-force.json");
    private final NormalizedEvent lowInspector = event("inspector2-low-vulnerability.json");

    @ParameterizedTest(name = "configured {0}: high GuardDuty finding passes = {1}")
    @CsvSource({"LOW, true", "MEDIUM, true", "HIGH, true", "CRITICAL, false"})
    void theConfiguredMinimumDecidesWhichFindingsPass(Severity configured, boolean passes) {
        // Given
        RuleMatcher matcher = new FindingRuleDialect(configured)
                .compile(rule("source: aws.guardduty\nminSeverity: configured"));

        // When
        boolean matched = matcher.matches(highGuardDuty);

        // Then
        assertThat(matched).isEqualTo(passes);
    }

    @Test
    void aRuleMayFixItsOwnMinimumAndOnlyItsSourcePasses() {
        // Given
        RuleMatcher inspector = new FindingRuleDialect(Severity.CRITICAL)
                .compile(rule("source: aws.inspector2\nminSeverity: low"));

        // When
        boolean low = inspector.matches(lowInspector);

        // Then
        assertThat(low).isTrue();
        assertThat(inspector.matches(highGuardDuty)).isFalse();
        assertThat(inspector.prefilter().patterns()).containsExactly("{\"source\":[\"aws.inspector2\"]}");
    }

    @Test
    void anUnknownSourceIsRejectedNamingTheKnownOnes() {
        // Given
        Rule rule = rule("source: aws.macie");

        // When
        Throwable thrown = catchThrowable(() -> new FindingRuleDialect(Severity.MEDIUM).compile(rule));

        // Then
        assertThat(thrown).isInstanceOf(RuleCompileException.class).hasMessage("finding rule body: field 'source' must "
                + "be one of [aws.guardduty, aws.inspector2, aws.securityhub], was 'aws.macie'");
    }

    private static Rule rule(String body) {
        return new Rule("f", "f", null, Severity.MEDIUM, true, FindingRuleDialect.NAME, body, List.of(), List.of(),
                null);
    }

    private static NormalizedEvent event(String name) {
        try (InputStream in = FindingRuleDialectTest.class.getResourceAsStream("/events/" + name)) {
            JsonNode envelope = ContractJson.mapper().readTree(in.readAllBytes());
            return TestInputs.normalize(new RuleTest(name, TestInput.EVENTBRIDGE, envelope, false, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
