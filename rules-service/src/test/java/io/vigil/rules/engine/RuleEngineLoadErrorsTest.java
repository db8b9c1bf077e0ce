package io.vigil.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vigil.contract.Severity;
import io.vigil.rules.cwlogs.CloudWatchFilterRuleDialect;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineLoadErrorsTest {

    private static final Map<String, RuleDialect> DIALECTS = Map.of(CloudWatchFilterRuleDialect.NAME,
            new CloudWatchFilterRuleDialect());

    @Test
    void anUnknownDialectFailsNamingTheValue() {
        // Given
        List<RulePack> packs = List.of(pack(rule("r1", "sigmaa", "{ $.a = 1 }")));

        // When
        Throwable thrown = catchThrowable(() -> RuleEngine.compile(packs, DIALECTS));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessage("packs/p.yaml: rule 'r1': field 'dialect': unknown dialect 'sigmaa'; known dialects: "
                        + "cloudwatch-filter");
    }

    @Test
    void aBodyThatDoesNotParseFailsNamingPackRuleAndPosition() {
        // Given
        List<RulePack> packs = List.of(pack(rule("r1", "cloudwatch-filter", "{ $.eventName = }")));

        // When
        Throwable thrown = catchThrowable(() -> RuleEngine.compile(packs, DIALECTS));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessage("packs/p.yaml: rule 'r1': field 'body': invalid cloudwatch-filter pattern: "
                        + "Expected a value at position 16 but found '}'");
    }

    @Test
    void aRuleIdUsedInTwoPacksIsRejected() {
        // Given
        RulePack first = pack(rule("r1", "cloudwatch-filter", "{ $.a = 1 }"));
        RulePack second = new RulePack("q", "packs/q.yaml", List.of(rule("r1", "cloudwatch-filter", "{ $.a = 2 }")));

        // When
        Throwable thrown = catchThrowable(() -> RuleEngine.compile(List.of(first, second), DIALECTS));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessage("packs/q.yaml: rule 'r1': field 'id': duplicate rule id, already defined in packs/p.yaml");
    }

    private static RulePack pack(Rule... rules) {
        return new RulePack("p", "packs/p.yaml", List.of(rules));
    }

    private static Rule rule(String id, String dialect, String body) {
        return new Rule(id, "T", "", Severity.HIGH, true, dialect, body, List.of(), List.of(), null);
    }
}
