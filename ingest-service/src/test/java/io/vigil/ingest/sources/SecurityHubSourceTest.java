package io.vigil.ingest.sources;

import static io.vigil.ingest.sources.SourceSamples.accept;
import static io.vigil.ingest.sources.SourceSamples.events;
import static io.vigil.ingest.sources.SourceSamples.read;
import static io.vigil.ingest.sources.SourceSamples.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.ingest.intake.IntakeResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Security Hub findings in ASFF and in OCSF (Findings Imported V2), after the Security Hub user guide. */
class SecurityHubSourceTest {

    private static final String S3_8 = "arn:aws:securityhub:us-east-1:111122223333:security-control/S3.8/finding/"
            + "0d2a6f4e-3c2b-4f1a-9e8d-7c6b5a4f3e2d";

    @Test
    void failedControlFindingIsAHighComplianceFindingAboutTheBucket() {
        // When
        NormalizedEvent event = single("securityhub-asff-control-failed.json");

        // Then
        assertThat(event.sourceKind()).isEqualTo("aws.securityhub");
        assertThat(event.sourceEventId()).isEqualTo(S3_8);
        assertThat(event.id()).isEqualTo(StableIds.of("aws.securityhub", S3_8, "2026-11-23T09:31:02.501Z"));
        assertThat(event.eventClass()).isEqualTo(EventClass.COMPLIANCE_FINDING);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:31:02.501Z"));
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.resources()).containsExactly(new ResourceRef("arn:aws:s3:::example-public-bucket",
                "AwsS3Bucket", "example-public-bucket"));
        assertThat(event.raw()).isEqualTo(ContractJson.read(read("securityhub-asff-control-failed.json"),
                JsonNode.class));
    }

    @Test
    void messageWithThreeFindingsYieldsOneEventPerFindingEachWithOnlyItsFindingInRaw() {
        // When
        List<NormalizedEvent> events = events("securityhub-asff-three-findings.json");

        // Then
        JsonNode original = ContractJson.read(read("securityhub-asff-three-findings.json"), JsonNode.class);
        assertThat(events).extracting(NormalizedEvent::severity)
                .containsExactly(Severity.HIGH, Severity.LOW, Severity.CRITICAL);
        assertThat(events).extracting(NormalizedEvent::eventClass).containsExactly(EventClass.COMPLIANCE_FINDING,
                EventClass.DETECTION_FINDING, EventClass.COMPLIANCE_FINDING);
        assertThat(events).extracting(NormalizedEvent::id).doesNotHaveDuplicates();
        for (int i = 0; i < 3; i++) {
            JsonNode raw = events.get(i).raw();
            assertThat(raw.path("detail").path("findings")).hasSize(1);
            assertThat(raw.path("detail").path("findings").get(0))
                    .isEqualTo(original.path("detail").path("findings").get(i));
            assertThat(raw.path("id")).isEqualTo(original.path("id"));
        }
        assertThat(events.get(2).resources()).containsExactly(new ResourceRef(null, "AwsAccount",
                "AWS::::Account:111122223333"));
    }

    @Test
    void findingWithOnlyANormalizedSeverityUsesTheAsffBands() {
        // When
        NormalizedEvent event = single("securityhub-asff-vulnerability-normalized-severity.json");

        // Then
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.eventClass()).isEqualTo(EventClass.VULNERABILITY_FINDING);
    }

    @Test
    void messageWithMoreFindingsThanTheLimitIsRejectedAsTooManyItems() {
        // Given
        ObjectNode envelope = (ObjectNode) ContractJson.read(read("securityhub-asff-control-failed.json"),
                JsonNode.class);
        ArrayNode findings = (ArrayNode) envelope.path("detail").path("findings");
        JsonNode finding = findings.get(0);
        for (int i = 0; i < 100; i++) {
            findings.add(finding.deepCopy());
        }

        // When
        IntakeResult result = accept(ContractJson.writeString(envelope));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.TOO_MANY_ITEMS,
                "message holds 101 findings, the limit is 100 (vigil.ingest.intake.max-findings-per-message)"));
    }

    @Test
    void findingWithoutAnIdIsDeadLetteredAloneWithItsOriginalBytesWhileTheOtherFindingsArePublished() {
        // Given: the second of three findings lost its Id
        String body = read("securityhub-asff-three-findings.json").replaceFirst(
                "\"Id\": \"arn:aws:guardduty[^\"]*\",", "");
        JsonNode original = ContractJson.read(body, JsonNode.class);

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
        IntakeResult.Accepted accepted = (IntakeResult.Accepted) result;
        assertThat(accepted.events()).extracting(NormalizedEvent::sourceEventId).containsExactly(S3_8,
                original.path("detail").path("findings").get(2).path("Id").asText());
        assertThat(accepted.deadLetters()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.INVALID_SHAPE);
            assertThat(deadLetter.detail()).isEqualTo("finding detail.findings[1] of 3 set aside, the others were"
                    + " published: required field 'detail.findings[1].Id' is missing");
            assertThat(deadLetter.origin()).isEqualTo(SourceSamples.ORIGIN);
            // the finding exactly as it stood in the message, whitespace included, not re-serialized
            int start = body.indexOf('{', body.indexOf("\n      },") + 1);
            assertThat(deadLetter.raw()).isEqualTo(body.substring(start, body.indexOf("\n      }", start) + 8));
            assertThat(deadLetter.rawEncoding()).isEqualTo(DeadLetter.ENCODING_UTF8);
            assertThat(ContractJson.read(deadLetter.raw(), JsonNode.class))
                    .isEqualTo(original.path("detail").path("findings").get(1));
        });
    }

    @Test
    void redeliveredMessageWithABadFindingYieldsTheSameEventAndDeadLetterIds() {
        // Given
        String body = read("securityhub-asff-three-findings.json").replaceFirst(
                "\"UpdatedAt\": \"2026-11-23T09:30:59.004Z\"", "\"UpdatedAt\": \"yesterday\"");

        // When: the same SQS message is received twice
        IntakeResult.Accepted first = (IntakeResult.Accepted) accept(body);
        IntakeResult.Accepted again = (IntakeResult.Accepted) accept(body);

        // Then: de-duplication removes the repeated events; the repeated dead letter has the same id
        assertThat(first.events()).hasSize(2);
        assertThat(again.events()).extracting(NormalizedEvent::id)
                .containsExactlyElementsOf(first.events().stream().map(NormalizedEvent::id).toList());
        assertThat(first.deadLetters()).singleElement().satisfies(deadLetter -> assertThat(deadLetter.detail())
                .startsWith("finding detail.findings[2] of 3 set aside"));
        assertThat(again.deadLetters()).extracting(DeadLetter::id)
                .containsExactly(first.deadLetters().get(0).id());
    }

    @Test
    void ocsfFindingFarInTheFutureIsDeadLetteredAloneAndTheOtherFindingIsPublished() {
        // Given
        String body = read("securityhub-ocsf-two-compliance-findings.json");
        ObjectNode envelope = (ObjectNode) ContractJson.read(body, JsonNode.class);
        ((ObjectNode) envelope.path("detail").path("findings").get(0).path("finding_info"))
                .put("modified_time_dt", "2027-01-01T00:00:00Z");

        // When
        IntakeResult result = accept(ContractJson.writeString(envelope));

        // Then
        IntakeResult.Accepted accepted = (IntakeResult.Accepted) result;
        assertThat(accepted.events()).hasSize(1);
        assertThat(accepted.events().get(0).time()).isEqualTo(Instant.ofEpochMilli(1763888400000L));
        assertThat(accepted.deadLetters()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.FUTURE_TIMESTAMP);
            assertThat(ContractJson.read(deadLetter.raw(), JsonNode.class))
                    .isEqualTo(envelope.path("detail").path("findings").get(0));
        });
    }

    @Test
    void messageWhoseOnlyFindingIsMalformedIsRejectedWholeNamingTheFinding() {
        // Given
        String body = read("securityhub-asff-control-failed.json").replaceFirst(
                "\"Id\": \"arn:aws:securityhub[^\"]*\",",
                "");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "required field 'detail.findings[0].Id' is missing"));
    }

    @Test
    void ocsfDetectionFindingKeepsItsClassSeverityAndCloudAccount() {
        // When
        NormalizedEvent event = single("securityhub-ocsf-detection.json");

        // Then
        assertThat(event.sourceKind()).isEqualTo("aws.securityhub.ocsf");
        assertThat(event.sourceEventId())
                .isEqualTo("arn:aws:guardduty:eu-west-1:111122223333:detector/abc/finding/111");
        assertThat(event.eventClass()).isEqualTo(EventClass.DETECTION_FINDING);
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:39:12Z"));
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("eu-west-1");
        assertThat(event.resources()).containsExactly(new ResourceRef(
                "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0", "AWS::EC2::Instance",
                "i-0123456789abcdef0"));
    }

    @Test
    void ocsfMessageWithTwoComplianceFindingsFallsBackToSeverityIdAndEpochTime() {
        // When
        List<NormalizedEvent> events = events("securityhub-ocsf-two-compliance-findings.json");

        // Then
        assertThat(events).extracting(NormalizedEvent::eventClass)
                .containsExactly(EventClass.COMPLIANCE_FINDING, EventClass.COMPLIANCE_FINDING);
        assertThat(events).extracting(NormalizedEvent::severity).containsExactly(Severity.CRITICAL, Severity.LOW);
        // the second finding has neither modified_time_dt nor time_dt: its epoch-millisecond time is used
        assertThat(events.get(1).time()).isEqualTo(Instant.ofEpochMilli(1763888400000L));
        assertThat(events.get(1).raw().path("detail").path("findings")).hasSize(1);
    }

    @Test
    void ocsfVulnerabilityFindingIsAVulnerabilityFinding() {
        // When
        NormalizedEvent event = single("securityhub-ocsf-vulnerability.json");

        // Then
        assertThat(event.eventClass()).isEqualTo(EventClass.VULNERABILITY_FINDING);
        assertThat(event.classUid()).isEqualTo(2002);
        assertThat(event.severity()).isEqualTo(Severity.MEDIUM);
    }
}
