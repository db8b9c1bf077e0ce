package io.vigil.bench.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.localinfra.postgres.LocalPostgres;
import org.junit.jupiter.api.Test;

/** The harness at a tiny size: both sides store every row and the chained rows verify. Never asserts timings. */
class AuditAppendThroughputTest {

    @Test
    void shouldAppendEveryRowOnBothSidesAndVerifyTheChains() throws Exception {
        // When
        AuditAppendThroughput.Result result = AuditAppendThroughput.run(LocalPostgres.shared(), 400, 50, 3, 4);

        // Then
        assertThat(result.rawPerSecond()).isPositive();
        assertThat(result.chainedPerSecond()).isPositive();
        assertThat(result.rounds()).isEqualTo(4);
        assertThat(result.medianRatio()).isPositive();
        assertThat(result.verificationOk()).isTrue();
        assertThat(result.verifiedRecords()).isEqualTo(400 + 100);
    }
}
