package io.vigil.bench.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the rules benchmark honest: each variant evaluates the same mix and agrees where it must. */
class RuleEngineBenchmarkTest {

    @Test
    void theSharedAutomatonAndPureInterpretationFireTheSameAndTheBaselineIsComparable() throws Exception {
        // Given
        RuleEngineBenchmark all = benchmark("all");
        RuleEngineBenchmark interpreted = benchmark("all-interpreted");

        // When
        int fired = all.engine();

        // Then
        assertThat(fired).isEqualTo(interpreted.engine());
        assertThat(all.engineUnderTest().enabledCount()).isEqualTo(80);
        assertThat(all.baselinePatternCount()).isEqualTo(80);
        assertThat(all.rawEventRulerBaseline()).isPositive();
        int perDialect = 0;
        for (String dialect : new String[] {"cloudwatch-filter", "sigma", "config", "finding"}) {
            perDialect += benchmark(dialect).engine();
        }
        assertThat(perDialect).isEqualTo(fired);
    }

    @Test
    void theEventBridgeVariantFiresWhatRawEventRulerFires() throws Exception {
        // Given
        RuleEngineBenchmark eventBridge = benchmark("eventbridge");

        // When
        int fired = eventBridge.engine();

        // Then: one rule per baseline pattern, so the counts of matches agree
        assertThat(fired).isEqualTo(eventBridge.rawEventRulerBaseline());
    }

    @Test
    void theInterleavedHarnessMeasuresEveryVariantInEveryRound() throws Exception {
        // Given
        int rounds = 2;

        // When
        java.util.Map<String, double[]> results = RuleEngineVsEventRuler.run(rounds, 1);

        // Then
        assertThat(results.keySet()).containsExactly("engine all", "raw event-ruler baseline", "engine cloudwatch-filter",
                "engine sigma", "engine config", "engine finding", "engine eventbridge", "engine all-interpreted");
        assertThat(results.values()).allSatisfy(values -> assertThat(java.util.Arrays.stream(values).boxed().toList()).hasSize(rounds).allMatch(v -> v > 0));
    }

    private static RuleEngineBenchmark benchmark(String packs) throws Exception {
        RuleEngineBenchmark benchmark = new RuleEngineBenchmark();
        benchmark.packs = packs;
        benchmark.setUp();
        return benchmark;
    }
}
