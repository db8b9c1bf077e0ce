package io.vigil.ingest.sources;

import static io.vigil.ingest.sources.SourceSamples.ORIGIN;
import static io.vigil.ingest.sources.SourceSamples.input;
import static io.vigil.ingest.sources.SourceSamples.read;
import static io.vigil.ingest.sources.SourceSamples.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.intake.IntakeResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Well-formed EventBridge events of kinds Vigil does not normalize further (after the EC2, IAM Access Analyzer and
 * AWS Health user guides' event examples): passed through as generic events, or dead-lettered when
 * {@code vigil.ingest.intake.pass-generic-events=false}.
 */
class GenericEventSourceTest {

    @Test
    void instanceStateChangeIsAGenericEventAboutTheInstance() {
        // When
        NormalizedEvent event = single("eventbridge-ec2-instance-state-change.json");

        // Then
        assertThat(event.id()).isEqualTo(StableIds.of("aws.ec2", "7bf73129-1428-4cd3-a780-95db273d1602"));
        assertThat(event.sourceKind()).isEqualTo("aws.ec2");
        assertThat(event.sourceEventId()).isEqualTo("7bf73129-1428-4cd3-a780-95db273d1602");
        assertThat(event.eventClass()).isEqualTo(EventClass.OTHER);
        assertThat(event.classUid()).isZero();
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:29:54Z"));
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("eu-central-1");
        assertThat(event.resources()).containsExactly(new ResourceRef(
                "arn:aws:ec2:eu-central-1:111122223333:instance/i-0abcd1111efgh2222", null, "i-0abcd1111efgh2222"));
        assertThat(event.actor()).isNull();
        assertThat(event.action()).isNull();
        assertThat(event.severity()).isNull();
        assertThat(event.origin()).isEqualTo(ORIGIN);
        assertThat(event.raw()).isEqualTo(ContractJson.read(read("eventbridge-ec2-instance-state-change.json"),
                JsonNode.class));
    }

    @Test
    void accessAnalyzerFindingWithAFindingIdInItsDetailIsNotMistakenForAGuardDutyFinding() {
        // When
        NormalizedEvent event = single("eventbridge-access-analyzer-finding.json");

        // Then
        assertThat(event.sourceKind()).isEqualTo("aws.access-analyzer");
        assertThat(event.eventClass()).isEqualTo(EventClass.OTHER);
        assertThat(event.region()).isEqualTo("us-west-2");
        assertThat(event.resources()).extracting(ResourceRef::arn)
                .containsExactly("arn:aws:access-analyzer:us-west-2:111122223333:analyzer/org-analyzer");
        assertThat(event.raw().path("detail").path("resource").asText())
                .isEqualTo("arn:aws:iam::111122223333:role/deploy");
    }

    @Test
    void healthEventWithoutResourcesKeepsItsEnvelopeTimeAndNoResources() {
        // When
        NormalizedEvent event = single("eventbridge-health-issue.json");

        // Then: detail times (RFC 1123 here) are not read; the envelope's time is the event's
        assertThat(event.sourceKind()).isEqualTo("aws.health");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T06:27:57Z"));
        assertThat(event.resources()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is dead-lettered when generic events are off")
    @CsvSource({"eventbridge-ec2-instance-state-change.json, aws.ec2",
            "eventbridge-access-analyzer-finding.json, aws.access-analyzer",
            "eventbridge-health-issue.json, aws.health"})
    void genericEventIsUnsupportedWhenGenericEventsAreOff(String sample, String source) {
        // When
        IntakeResult result = SourceSamples.intake(IntakeLimits.defaults(), false).accept(input(read(sample)));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.UNSUPPORTED_SOURCE,
                "EventBridge events of source '" + source + "' are not normalized and generic events are rejected"
                        + " (vigil.ingest.intake.pass-generic-events)"));
    }

    @Test
    void recognizedSourcesStillPassWhenGenericEventsAreOff() {
        // When
        IntakeResult result = SourceSamples.intake(IntakeLimits.defaults(), false)
                .accept(input(read("guardduty-ec2-ssh-bruteforce.json")));

        // Then
        assertThat(((IntakeResult.Accepted) result).events()).extracting(NormalizedEvent::sourceKind)
                .containsExactly("aws.guardduty");
    }
}
