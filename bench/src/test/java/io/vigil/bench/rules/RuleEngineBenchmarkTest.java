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
        for (String dialect : new String[]{"cloudwatch-filter", "sigma", "config", "finding"}) {
            perDialect += benchmark(dialect).engine();
        }
        assertThat(perDialect).isEqualTo(fired);
    }

    @Test
    void theSigmaRulesAreTheSigmaHqCorpusReadFromSharedWithTheirRecordsInTheMix() throws Exception {
        // Given
        RuleEngineBenchmark sigma = benchmark("sigma");

        // When
        int fired = sigma.engine();

        // Then
        assertThat(sigma.engineUnderTest().enabledCount()).isEqualTo(57);
        assertThat(sigma.engineUnderTest().rules()).allMatch(r -> r.id().startsWith("sigma-"));
        assertThat(fired).isPositive();
    }

    @Test
    void aMissingSigmaCorpusFailsNamingThePathAndTheProperty() {
        // Given
        System.setProperty(SigmaCorpusRules.RULES_PROPERTY, "/nonexistent/sigma");

        // When
        Throwable thrown;
        try {
            thrown = org.assertj.core.api.Assertions.catchThrowable(SigmaCorpusRules::load);
        } finally {
            System.clearProperty(SigmaCorpusRules.RULES_PROPERTY);
        }

        // Then
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("The rules benchmark needs the SigmaHQ "
                + "corpus and its rule tests: /nonexistent/sigma is not a directory (set -Dvigil.bench.sigma-rules="
                + "<directory>)");
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
        RuleEngineVsEventRuler.Measurements results = RuleEngineVsEventRuler.run(rounds, 1);

        // Then: every variant has a positive wall-clock and CPU figure in every round
        for (java.util.Map<String, double[]> figures : java.util.List.of(results.wallNanos(), results.cpuNanos())) {
            assertThat(figures.keySet()).containsExactly("engine all", "raw event-ruler baseline",
                    "engine cloudwatch-filter", "engine sigma", "engine config", "engine finding",
                    "engine eventbridge", "engine all-interpreted");
            assertThat(figures.values()).allSatisfy(values -> assertThat(java.util.Arrays.stream(values).boxed()
                    .toList()).hasSize(rounds).allMatch(v -> v > 0));
        }
    }

    private static RuleEngineBenchmark benchmark(String packs) throws Exception {
        RuleEngineBenchmark benchmark = new RuleEngineBenchmark();
        benchmark.packs = packs;
        benchmark.setUp();
        return benchmark;
    }
}
