package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.intake.IntakeResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keeps the normalization benchmark's samples valid: each one is accepted with the expected number of events. */
class NormalizationBenchmarkTest {

    @ParameterizedTest(name = "{0} yields {1} events")
    @CsvSource({"cloudtrail-api-call, 1", "guardduty-ec2-ssh-bruteforce, 1", "securityhub-asff-three-findings, 3",
            "securityhub-ocsf-detection, 1", "config-item-change-security-group, 1",
            "config-compliance-noncompliant-volume, 1", "inspector2-ec2-display-format, 1"})
    void everyBenchmarkedSourceIsNormalized(String source, int events) {
        // Given
        NormalizationBenchmark benchmark = new NormalizationBenchmark();
        benchmark.source = source;
        benchmark.setUp();

        // When
        IntakeResult result = benchmark.normalize();

        // Then
        assertThat(((IntakeResult.Accepted) result).events()).hasSize(events);
    }
}
