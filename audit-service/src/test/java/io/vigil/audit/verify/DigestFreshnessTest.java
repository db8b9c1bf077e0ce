package io.vigil.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.verifier.BreakKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DigestFreshnessTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void shouldAcceptADigestWithinThreeIntervals() {
        assertThat(DigestFreshness.check(NOW.minus(Duration.ofMinutes(179)), NOW.minusSeconds(86400), NOW, HOUR))
                .isEmpty();
    }

    @Test
    void shouldReportAMissingDigestWhenTheNewestIsOlderThanThreeIntervals() {
        assertThat(DigestFreshness.check(NOW.minus(Duration.ofMinutes(181)), NOW.minusSeconds(86400), NOW, HOUR))
                .hasValueSatisfying(broken -> assertThat(broken.kind()).isEqualTo(BreakKind.MISSING_DIGEST));
    }

    @Test
    void shouldReportAMissingDigestWhenEvidenceIsOldButNoDigestExists() {
        assertThat(DigestFreshness.check(null, NOW.minus(Duration.ofHours(4)), NOW, HOUR))
                .hasValueSatisfying(broken -> assertThat(broken.detail()).contains("no digest"));
    }

    @Test
    void shouldAcceptAnEmptyStore() {
        assertThat(DigestFreshness.check(null, null, NOW, HOUR)).isEmpty();
    }
}
