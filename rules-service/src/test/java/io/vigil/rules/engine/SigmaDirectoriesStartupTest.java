package io.vigil.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.rules.RulesConfig;
import io.vigil.rules.SigmaCorpus;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.sigma.UnsupportedSigmaRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up with {@code vigil.rules.sigma.*}: the policy for files that cannot be loaded, and its metric. */
class SigmaDirectoriesStartupTest {

    @Test
    void underTheDefaultPolicyAnAggregationRuleFailsStartUp() {
        // Given
        RulesConfig.Sigma config = config(UnsupportedSigmaRules.FAIL, SigmaCorpus.directory("rules"),
                SigmaCorpus.directory("unsupported"));

        // When
        Throwable thrown = catchThrowable(() -> RuleEngineProducer.sigmaPacks(config, new SimpleMeterRegistry()));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class).hasMessageContaining("(AGGREGATION)")
                .hasMessageContaining(SigmaCorpus.directory("unsupported").toString());
    }

    @Test
    void underTheSkipPolicyAggregationRulesAreSkippedAndCountedAndTheOthersLoad() {
        // Given
        RulesConfig.Sigma config = config(UnsupportedSigmaRules.SKIP, SigmaCorpus.directory("rules"),
                SigmaCorpus.directory("unsupported"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // When
        List<RulePack> packs = RuleEngineProducer.sigmaPacks(config, registry);

        // Then
        assertThat(packs).extracting(p -> p.rules().size()).containsExactly(57, 0);
        assertThat(registry.counter(RuleEngineProducer.SIGMA_SKIPPED, "reason", "AGGREGATION").count()).isEqualTo(8);
    }

    private static RulesConfig.Sigma config(UnsupportedSigmaRules policy, Path... directories) {
        return new RulesConfig.Sigma() {
            @Override
            public Optional<List<Path>> directories() {
                return Optional.of(List.of(directories));
            }

            @Override
            public UnsupportedSigmaRules onUnsupported() {
                return policy;
            }
        };
    }
}
