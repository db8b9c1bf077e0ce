package io.vigil.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.Action;
import io.vigil.contract.Alert;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Outcome;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.rules.TestEvents;
import io.vigil.rules.model.Rule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Rule RULE = new Rule("cis-aws-cloudwatch-5", "CloudTrail configuration changed", "d",
            Severity.HIGH, true, "cloudwatch-filter", "{($.eventName=StopLogging)}", List.of("cis", "cloudtrail"),
            List.of("SecurityHub:CloudWatch.5", "CIS-AWS-1.2:3.5"), "https://example.com/runbook");

    private final AlertFactory factory = new AlertFactory(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aMatchBecomesAnAlertKeyedByRuleAndAccount() {
        // Given
        NormalizedEvent event = TestEvents.sample(TestEvents.STOP_LOGGING);

        // When
        Alert alert = factory.create(RULE, event);

        // Then
        Instant eventTime = Instant.parse("2026-11-23T08:15:30Z");
        assertThat(alert).isEqualTo(new Alert(1,
                StableIds.of("cis-aws-cloudwatch-5", event.id()),
                NOW,
                StableIds.of("cis-aws-cloudwatch-5", "111122223333"),
                "cis-aws-cloudwatch-5",
                "CloudTrail configuration changed",
                "cloudwatch-filter",
                Severity.HIGH,
                List.of("SecurityHub:CloudWatch.5", "CIS-AWS-1.2:3.5"),
                List.of("cis", "cloudtrail"),
                "111122223333",
                "arn:aws:iam::111122223333:user/alice called cloudtrail.amazonaws.com StopLogging on "
                        + "arn:aws:cloudtrail:us-east-1:111122223333:trail/main from 203.0.113.7 in account "
                        + "111122223333 (us-east-1)",
                "111122223333",
                "us-east-1",
                eventTime,
                eventTime,
                1,
                List.of(event),
                0,
                "https://example.com/runbook"));
    }

    @Test
    void aFailedCallNamesItsErrorCode() {
        // Given
        NormalizedEvent event = TestEvents.sample(TestEvents.ACCESS_DENIED);

        // When
        String summary = AlertFactory.summary(event);

        // Then
        assertThat(summary).isEqualTo("arn:aws:iam::111122223333:user/mallory called iam.amazonaws.com CreateUser "
                + "(failed: AccessDenied) from 198.51.100.66 in account 111122223333 (us-east-1)");
    }

    @Test
    void missingActorResourcesIpAndRegionAreLeftOut() {
        // Given
        NormalizedEvent event = new NormalizedEvent(1, "e1", NOW, "aws.cloudtrail", "s1", EventClass.API_ACTIVITY,
                NOW, "444455556666", null, null,
                new Action("ec2.amazonaws.com", "RunInstances", Outcome.SUCCESS, null, null, false),
                null, null, List.of(), null, null, null);

        // When
        String summary = AlertFactory.summary(event);

        // Then
        assertThat(summary).isEqualTo("An unknown principal called ec2.amazonaws.com RunInstances in account "
                + "444455556666");
    }

    @Test
    void anEventWithoutActionNamesItsSourceKind() {
        // Given
        NormalizedEvent event = new NormalizedEvent(1, "e2", NOW, "aws.guardduty", "s2",
                EventClass.DETECTION_FINDING, NOW, "444455556666", "eu-west-1", null, null, null, null, List.of(),
                Severity.HIGH, null, null);

        // When
        String summary = AlertFactory.summary(event);

        // Then
        assertThat(summary).isEqualTo("An unknown principal caused a aws.guardduty event in account 444455556666 "
                + "(eu-west-1)");
    }

    @Test
    void theDedupKeyTemplateGroupsAlertsAndFindingsKeepTheirOwnSeverity() {
        // Given
        Rule passThrough = new Rule("f", "Finding", null, Severity.LOW, true, "finding", "source: aws.guardduty",
                List.of(), List.of(), null, io.vigil.rules.model.DedupKeyTemplate.parse("{accountId}:{actor.arn}"),
                true, List.of());
        NormalizedEvent event = TestEvents.sample(TestEvents.STOP_LOGGING);
        NormalizedEvent critical = new NormalizedEvent(event.schemaVersion(), event.id(), event.producedAt(),
                event.sourceKind(), event.sourceEventId(), event.eventClass(), event.time(), event.accountId(),
                event.region(), event.actor(), event.action(), event.sourceIp(), event.userAgent(), event.resources(),
                Severity.CRITICAL, event.origin(), event.raw());

        // When
        Alert alert = factory.create(passThrough, critical);

        // Then
        assertThat(alert.groupKey()).isEqualTo("111122223333:arn:aws:iam::111122223333:user/alice");
        assertThat(alert.fingerprint())
                .isEqualTo(StableIds.of("f", "111122223333:arn:aws:iam::111122223333:user/alice"));
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(factory.create(passThrough, event).severity()).isEqualTo(Severity.LOW);
    }
}
