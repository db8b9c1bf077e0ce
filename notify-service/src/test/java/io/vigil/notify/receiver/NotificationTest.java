package io.vigil.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.notify.TestAlerts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void notificationTakesWhoWhatWhereAndWhenFromTheFirstEvent() {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);

        // When
        Notification notification = Notification.of(alert);

        // Then
        assertThat(notification).isEqualTo(new Notification(1, alert.id(), alert.fingerprint(), "CloudWatch.5",
                "CloudTrail configuration changed", Severity.HIGH, alert.summary(),
                List.of("SecurityHub:CloudWatch.5", "CIS-AWS-1.2:3.5"), List.of("email-sns"), "111122223333",
                "eu-west-1",
                "arn:aws:iam::111122223333:user/mallory", "StopLogging", "203.0.113.7",
                Instant.parse("2026-11-23T09:14:58Z"), 1, "https://runbooks.example/cloudtrail-stopped"));
        assertThat(notification.ruleLine()).isEqualTo("CloudWatch.5 — CloudTrail configuration changed");
    }

    @Test
    void alertWithoutEventsLeavesTheEventFactsOutAndUsesTheWindowEnd() {
        // Given
        Alert full = TestAlerts.stopLogging(Severity.LOW);
        Alert alert = new Alert(1, full.id(), full.producedAt(), full.fingerprint(), full.ruleId(), null,
                full.dialect(), full.severity(), null, null, full.groupKey(), null, full.accountId(), null,
                full.windowStart(), Instant.parse("2026-11-23T10:00:00Z"), 12, List.of(), 12, null);

        // When
        Notification notification = Notification.of(alert);

        // Then
        assertThat(ContractJson.writeString(notification)).isEqualTo("{\"schemaVersion\":1,\"alertId\":\""
                + alert.id() + "\",\"fingerprint\":\"" + alert.fingerprint() + "\",\"ruleId\":\"CloudWatch.5\","
                + "\"severity\":\"LOW\",\"controls\":[],\"tags\":[],\"accountId\":\"111122223333\","
                + "\"eventTime\":\"2026-11-23T10:00:00Z\",\"count\":12}");
        assertThat(notification.ruleLine()).isEqualTo("CloudWatch.5");
        assertThat(notification.hasWebRunbook()).isFalse();
    }

    @Test
    void redactingTheAccountAndRegionRedactsTheGroupLabelsThatCarryThemToo() {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        OutboundNotification notification = new OutboundNotification("n-1", NotificationAction.FIRING, "chat",
                "g-1", Map.of("account", "111122223333", "region", "eu-west-1", "rule", "CloudWatch.5"),
                List.of(Notification.of(alert)), null);

        // When
        OutboundNotification accountOnly = notification.redacted(Set.of("accountId"));
        OutboundNotification both = notification.redacted(Set.of("accountId", "region", "sourceIp"));

        // Then
        assertThat(accountOnly.groupLabels()).isEqualTo(Map.of("account", "[redacted]", "region", "eu-west-1",
                "rule", "CloudWatch.5"));
        assertThat(accountOnly.alerts().get(0).accountId()).isEqualTo("[redacted]");
        assertThat(both.groupLabels()).isEqualTo(Map.of("account", "[redacted]", "region", "[redacted]",
                "rule", "CloudWatch.5"));
        assertThat(ContractJson.writeString(both)).doesNotContain("eu-west-1").doesNotContain("203.0.113.7");
    }
}
