package io.vigil.ingest.sources;

import static io.vigil.ingest.sources.SourceSamples.ORIGIN;
import static io.vigil.ingest.sources.SourceSamples.accept;
import static io.vigil.ingest.sources.SourceSamples.read;
import static io.vigil.ingest.sources.SourceSamples.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.Actor;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.ingest.intake.IntakeResult;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** GuardDuty findings, written after the GuardDuty user guide's finding format and EventBridge examples. */
class GuardDutySourceTest {

    @Test
    void sshBruteForceFindingIsALowDetectionAboutTheInstanceWithTheAttackersIp() {
        // When
        NormalizedEvent event = single("guardduty-ec2-ssh-bruteforce.json");

        // Then
        assertThat(event.sourceKind()).isEqualTo("aws.guardduty");
        assertThat(event.sourceEventId()).isEqualTo("5ac6a8b0e4b6f5f5a2b1c0d9e8f7a6b5");
        assertThat(event.id()).isEqualTo(StableIds.of("aws.guardduty", "5ac6a8b0e4b6f5f5a2b1c0d9e8f7a6b5",
                "2026-11-23T09:20:11.214Z"));
        assertThat(event.eventClass()).isEqualTo(EventClass.DETECTION_FINDING);
        assertThat(event.classUid()).isEqualTo(2004);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:20:11.214Z"));
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.severity()).isEqualTo(Severity.LOW);
        assertThat(event.sourceIp()).isEqualTo("198.51.100.23");
        assertThat(event.actor()).isNull();
        assertThat(event.action()).isNull();
        assertThat(event.resources()).containsExactly(
                new ResourceRef("arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890",
                        "AWS::EC2::Instance", "i-0a1b2c3d4e5f67890"),
                new ResourceRef("arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34eexample"
                        + "/finding/5ac6a8b0e4b6f5f5a2b1c0d9e8f7a6b5", "AWS::GuardDuty::Finding",
                        "5ac6a8b0e4b6f5f5a2b1c0d9e8f7a6b5"));
        assertThat(event.origin()).isEqualTo(ORIGIN);
        assertThat(event.raw().path("detail").path("type").asText())
                .isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
    }

    @Test
    void credentialExfiltrationFindingIsHighAndNamesTheAssumedRoleAndItsUserAgent() {
        // When
        NormalizedEvent event = single("guardduty-iam-credential-exfiltration.json");

        // Then
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.actor()).isEqualTo(new Actor("AssumedRole", null, "app-role", null, null, null, null));
        assertThat(event.sourceIp()).isEqualTo("203.0.113.99");
        assertThat(event.userAgent()).isEqualTo("aws-cli/2.15.0");
    }

    @Test
    void rootCredentialUsageAtNinePointFiveIsCritical() {
        // When
        NormalizedEvent event = single("guardduty-root-credential-usage-critical.json");

        // Then
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.actor().type()).isEqualTo("Root");
        assertThat(event.sourceIp()).isEqualTo("192.0.2.10");
    }

    @Test
    void severityBelowOneIsLowAndAPortProbeNamesTheProbingIp() {
        // When
        NormalizedEvent event = single("guardduty-low-fractional-severity.json");

        // Then
        assertThat(event.severity()).isEqualTo(Severity.LOW);
        assertThat(event.resources()).first().extracting(ResourceRef::name).isEqualTo("i-0fedcba9876543210");
    }

    @Test
    void anUpdateOfTheSameFindingIsANewEvent() {
        // Given
        String update = read("guardduty-ec2-ssh-bruteforce.json")
                .replace("\"updatedAt\": \"2026-11-23T09:20:11.214Z\"", "\"updatedAt\": \"2026-11-23T09:35:00Z\"");

        // When
        NormalizedEvent updated = ((IntakeResult.Accepted) accept(update)).events().get(0);

        // Then
        assertThat(updated.sourceEventId()).isEqualTo("5ac6a8b0e4b6f5f5a2b1c0d9e8f7a6b5");
        assertThat(updated.id()).isNotEqualTo(single("guardduty-ec2-ssh-bruteforce.json").id());
    }

    @ParameterizedTest(name = "severity {0} is {1}")
    @CsvSource({"0.1, LOW", "1.0, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "8.9, HIGH",
            "9.0, CRITICAL", "10.0, CRITICAL"})
    void numericSeverityFollowsTheDocumentedBands(String severity, Severity expected) {
        // Given
        String body = read("guardduty-ec2-ssh-bruteforce.json").replace("\"severity\": 2,",
                "\"severity\": " + severity + ",");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(((IntakeResult.Accepted) result).events().get(0).severity()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "severity {0} is rejected")
    @CsvSource(delimiter = '|', value = {"0|must be from 0.1 to 10.0, was 0", "10.5|must be from 0.1 to 10.0, was 10.5",
            "\"High\"|must be a number from 0.1 to 10.0, was STRING \"High\""})
    void severityOutsideTheScaleIsInvalidShape(String severity, String message) {
        // Given
        String body = read("guardduty-ec2-ssh-bruteforce.json").replace("\"severity\": 2,",
                "\"severity\": " + severity + ",");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "field 'detail.severity' " + message));
    }
}
