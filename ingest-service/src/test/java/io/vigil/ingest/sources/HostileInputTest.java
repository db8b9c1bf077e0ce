package io.vigil.ingest.sources;

import static io.vigil.ingest.sources.SourceSamples.accept;
import static io.vigil.ingest.sources.SourceSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.ingest.intake.IntakeResult;
import io.vigil.ingest.intake.RawInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A hostile corpus: every document goes to the dead-letter topic with the right reason or is processed safely
 * (kept verbatim as data, never interpreted); nothing throws.
 */
class HostileInputTest {

    private static final String GUARDDUTY = "guardduty-ec2-ssh-bruteforce.json";

    @Test
    void deeplyNestedDocumentIsTooDeep() {
        // Given
        String body = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isInstanceOf(IntakeResult.Rejected.class);
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
        assertThat(((IntakeResult.Rejected) result).detail()).startsWith("Document nesting depth (65) exceeds the"
                + " maximum allowed (64");
    }

    @Test
    void hugeStringValueIsFieldTooLong() {
        // Given
        String body = read(GUARDDUTY).replace("\"title\": \"", "\"title\": \"" + "A".repeat(40_000));

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.FIELD_TOO_LONG);
        assertThat(((IntakeResult.Rejected) result).detail()).startsWith("String value length (");
    }

    @Test
    void hugeFieldNameIsFieldTooLong() {
        // Given
        String body = read(GUARDDUTY).replace("\"title\":", "\"" + "k".repeat(40_000) + "\": 1, \"title\":");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.FIELD_TOO_LONG);
    }

    @Test
    void rawControlCharacterInAStringIsInvalidJson() {
        // Given
        String body = read(GUARDDUTY).replace("\"title\": \"", "\"title\": \"\u0007bell ");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
    }

    @Test
    void escapedControlCharactersSqlAndHtmlAreKeptVerbatimAsData() {
        // Given
        String hostile = "'; DROP TABLE evidence; -- <script>alert(1)</script> \\u0000\\u001b[31m";
        String body = read(GUARDDUTY).replace("\"title\": \"", "\"title\": \"" + hostile);

        // When
        NormalizedEvent event = ((IntakeResult.Accepted) accept(body)).events().get(0);

        // Then
        assertThat(event.raw().path("detail").path("title").asText())
                .startsWith("'; DROP TABLE evidence; -- <script>alert(1)</script> \u0000\u001b[31m");
        NormalizedEvent roundTrip = ContractJson.read(ContractJson.write(event), NormalizedEvent.class);
        assertThat(roundTrip.raw()).isEqualTo(event.raw());
    }

    @Test
    void wrongTypeForAnAccountIdIsInvalidShapeNamingTheField() {
        // Given
        String body = read("cloudtrail-federated-user-read-only.json")
                .replace("\"recipientAccountId\": \"111122223333\"", "\"recipientAccountId\": [1, 2]");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "field 'recipientAccountId' must be a string, was ARRAY"));
    }

    @Test
    void findingTimeFarInTheFutureIsRejected() {
        // Given
        String body = read(GUARDDUTY).replace("\"updatedAt\": \"2026-11-23T09:20:11.214Z\"",
                "\"updatedAt\": \"2099-01-01T00:00:00Z\"");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.FUTURE_TIMESTAMP);
    }

    @Test
    void randomlyCorruptedSamplesNeverThrowAndAlwaysYieldAResult() {
        // Given
        List<String> samples = List.of(GUARDDUTY, "securityhub-asff-three-findings.json",
                "securityhub-ocsf-two-compliance-findings.json", "config-item-change-oversized.json",
                "config-compliance-noncompliant-volume.json", "inspector2-ecr-narrow-space.json",
                "cloudtrail-root-invoked-by-service.json", "signin-identity-center-user.json");
        Random random = new Random(20261123L);
        List<IntakeResult> results = new ArrayList<>();

        // When
        for (int i = 0; i < 2_000; i++) {
            byte[] body = read(samples.get(i % samples.size())).getBytes(StandardCharsets.UTF_8);
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            results.add(SourceSamples.intake().accept(new RawInput(body, SourceSamples.ORIGIN, "m-" + i,
                    SourceSamples.NOW)));
        }

        // Then
        assertThat(results).hasSize(2_000).doesNotContainNull();
        assertThat(results).filteredOn(r -> r instanceof IntakeResult.Rejected rejected
                && rejected.reason() == DeadLetterReason.PROCESSING_FAILED).isEmpty();
    }
}
