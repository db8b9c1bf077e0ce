package io.vigil.ingest.sources;

import static io.vigil.ingest.sources.SourceSamples.accept;
import static io.vigil.ingest.sources.SourceSamples.read;
import static io.vigil.ingest.sources.SourceSamples.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.ingest.intake.IntakeResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Amazon Inspector findings with the time formats Inspector emits, after the Inspector user guide. */
class InspectorSourceTest {

    private static final String EC2_FINDING = "arn:aws:inspector2:us-east-1:111122223333:finding/1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";

    @Test
    void packageVulnerabilityWithTheDisplayDateFormatIsAHighVulnerabilityFinding() {
        // When
        NormalizedEvent event = single("inspector2-ec2-display-format.json");

        // Then
        assertThat(event.sourceKind()).isEqualTo("aws.inspector2");
        assertThat(event.sourceEventId()).isEqualTo(EC2_FINDING);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:54:12Z"));
        assertThat(event.id()).isEqualTo(StableIds.of("aws.inspector2", EC2_FINDING, "2026-11-23T09:54:12Z"));
        assertThat(event.eventClass()).isEqualTo(EventClass.VULNERABILITY_FINDING);
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.resources()).containsExactly(new ResourceRef(
                "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890", "AWS_EC2_INSTANCE",
                "i-0a1b2c3d4e5f67890"));
    }

    @Test
    void timeWithANarrowNoBreakSpaceBeforeTheMeridiemIsRead() {
        // When
        NormalizedEvent event = single("inspector2-ecr-narrow-space.json");

        // Then
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:54:30Z"));
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.resources()).extracting(ResourceRef::type).containsExactly("AWS_ECR_CONTAINER_IMAGE");
    }

    @Test
    void epochSecondTimesAndUntriagedSeverityAreRead() {
        // When
        NormalizedEvent event = single("inspector2-network-epoch-untriaged.json");

        // Then
        assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1763891700L));
        assertThat(event.severity()).isEqualTo(Severity.INFO);
        assertThat(event.eventClass()).isEqualTo(EventClass.DETECTION_FINDING);
    }

    @Test
    void timeInNoKnownFormatIsRejectedNamingTheValue() {
        // Given
        String body = read("inspector2-ec2-display-format.json")
                .replace("\"updatedAt\": \"Nov 23, 2026, 9:54:12 AM\"", "\"updatedAt\": \"23/11/2026 09:54\"");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "field 'detail.updatedAt' is not a time in an accepted format (ISO-8601, 'MMM d, yyyy, h:mm:ss a',"
                        + " epoch seconds or milliseconds): '23/11/2026 09:54'"));
    }

    @Test
    void unknownSeverityLabelIsRejected() {
        // Given
        String body = read("inspector2-ec2-display-format.json").replace("\"severity\": \"HIGH\"",
                "\"severity\": \"SEVERE\"");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "field 'detail.severity' must be one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, UNTRIAGED,"
                        + " was 'SEVERE'"));
    }
}
