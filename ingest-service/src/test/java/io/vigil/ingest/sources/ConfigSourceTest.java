package io.vigil.ingest.sources;

import static io.vigil.ingest.sources.SourceSamples.accept;
import static io.vigil.ingest.sources.SourceSamples.read;
import static io.vigil.ingest.sources.SourceSamples.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.Action;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import io.vigil.ingest.intake.IntakeResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** AWS Config configuration item changes and rule compliance changes, after the Config developer guide. */
class ConfigSourceTest {

    @Test
    void securityGroupChangeIsAConfigStateChangeIdentifiedByItsStateId() {
        // When
        NormalizedEvent event = single("config-item-change-security-group.json");

        // Then
        String sourceEventId = "AWS::EC2::SecurityGroup/sg-0123456789abcdef0/1763891071228";
        assertThat(event.sourceKind()).isEqualTo("aws.config");
        assertThat(event.sourceEventId()).isEqualTo(sourceEventId);
        assertThat(event.id()).isEqualTo(StableIds.of("aws.config", sourceEventId));
        assertThat(event.eventClass()).isEqualTo(EventClass.CONFIG_STATE_CHANGE);
        assertThat(event.classUid()).isEqualTo(5019);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:44:31.228Z"));
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.action()).isEqualTo(new Action("config.amazonaws.com", "UPDATE", Outcome.SUCCESS, null,
                null, null));
        assertThat(event.resources()).containsExactly(new ResourceRef(
                "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0", "AWS::EC2::SecurityGroup",
                "web"));
        assertThat(event.raw().path("detail").path("configurationItem").path("configuration")
                .path("ipPermissions").get(0).path("fromPort").asInt()).isEqualTo(22);
    }

    @Test
    void oversizedItemNotificationWithoutAnS3ReaderIsNormalizedFromItsSummaryWithACaveat() {
        // When
        NormalizedEvent event = single("config-item-change-oversized.json");

        // Then
        assertThat(event.sourceEventId()).isEqualTo("AWS::IAM::Policy/ANPAEXAMPLEPOLICYID/1763891150001");
        assertThat(event.region()).isEqualTo("global");
        assertThat(event.operation()).isEqualTo("UPDATE");
        assertThat(event.resources()).containsExactly(new ResourceRef("arn:aws:iam::111122223333:policy/platform-admin",
                "AWS::IAM::Policy", "platform-admin"));
        assertThat(event.raw().path("detail").path("s3DeliverySummary").path("s3BucketLocation").asText())
                .startsWith("config-bucket-111122223333/AWSLogs/111122223333/Config/global/");
        assertThat(event.caveats()).containsExactly("config-item-summary-only: this intake reads no S3 objects");
    }

    @Test
    void deletedBucketIsADeleteChange() {
        // When
        NormalizedEvent event = single("config-item-change-deleted-bucket.json");

        // Then
        assertThat(event.operation()).isEqualTo("DELETE");
        assertThat(event.resources()).containsExactly(new ResourceRef("arn:aws:s3:::old-logs-bucket",
                "AWS::S3::Bucket", "old-logs-bucket"));
    }

    @Test
    void itemChangeWithoutAStateIdIsRejectedNamingTheField() {
        // Given
        String body = read("config-item-change-security-group.json")
                .replace("\"configurationStateId\": 1763891071228,", "");

        // When
        IntakeResult result = accept(body);

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "required field 'detail.configurationItem.configurationStateId' is missing"));
    }

    @Test
    void nonCompliantVolumeIsAFailedComplianceFindingWithTheAnnotation() {
        // When
        NormalizedEvent event = single("config-compliance-noncompliant-volume.json");

        // Then
        String sourceEventId = "encrypted-volumes/AWS::EC2::Volume/vol-0a1b2c3d4e5f67890/2026-11-23T09:49:41.502Z";
        assertThat(event.sourceKind()).isEqualTo("aws.config.compliance");
        assertThat(event.sourceEventId()).isEqualTo(sourceEventId);
        assertThat(event.id()).isEqualTo(StableIds.of("aws.config.compliance", sourceEventId));
        assertThat(event.eventClass()).isEqualTo(EventClass.COMPLIANCE_FINDING);
        assertThat(event.action()).isEqualTo(new Action("config.amazonaws.com", "encrypted-volumes",
                Outcome.FAILURE, "NON_COMPLIANT", "The volume is not encrypted.", null));
        assertThat(event.resources()).containsExactly(new ResourceRef(null, "AWS::EC2::Volume",
                "vol-0a1b2c3d4e5f67890"));
        assertThat(event.severity()).isNull();
    }

    @Test
    void compliantBucketIsASuccessfulComplianceFinding() {
        // When
        NormalizedEvent event = single("config-compliance-compliant-bucket.json");

        // Then
        assertThat(event.action()).isEqualTo(new Action("config.amazonaws.com",
                "s3-bucket-server-side-encryption-enabled", Outcome.SUCCESS, null, null, null));
    }

    @Test
    void notApplicableEvaluationWithoutAnOldResultHasAnUnknownOutcome() {
        // When
        NormalizedEvent event = single("config-compliance-not-applicable.json");

        // Then
        assertThat(event.action().outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(event.action().errorCode()).isEqualTo("NOT_APPLICABLE");
    }
}
