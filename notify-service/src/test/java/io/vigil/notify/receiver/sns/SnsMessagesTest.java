package io.vigil.notify.receiver.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.receiver.Notification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

class SnsMessagesTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:vigil-alerts";

    @Test
    void publishCarriesSubjectJsonNotificationAndFilterableAttributes() throws Exception {
        // Given
        Notification notification = Notification.of(TestAlerts.stopLogging(Severity.HIGH));

        // When
        PublishRequest request = SnsMessages.publishRequest("n-1", TOPIC, "Custom subject", notification,
                "fingerprint", Map.of("team", "secops"));

        // Then
        assertThat(request.topicArn()).isEqualTo(TOPIC);
        assertThat(request.subject()).isEqualTo("Custom subject");
        assertThat(request.messageAttributes()).isEqualTo(Map.of(
                "severity", string("HIGH"), "ruleId", string("CloudWatch.5"), "accountId", string("111122223333"),
                "region", string("eu-west-1"), "team", string("secops"),
                "tags",
                MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"email-sns\"]").build()));
        JsonNode message = ContractJson.mapper().readTree(request.message());
        assertThat(message.get("alertId").asText()).isEqualTo(notification.alertId());
        assertThat(message.get("actorArn").asText()).isEqualTo("arn:aws:iam::111122223333:user/mallory");
        assertThat(message.get("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(request.messageGroupId()).isNull();
        assertThat(request.messageDeduplicationId()).isNull();
    }

    @Test
    void fifoTopicGetsTheFingerprintAsGroupAndAnIdThatIsTheSameForEveryAttempt() {
        // Given
        Notification notification = Notification.of(TestAlerts.stopLogging(Severity.HIGH));

        // When
        PublishRequest byFingerprint = SnsMessages.publishRequest("n-1", TOPIC + ".fifo", "s", notification,
                "fingerprint", Map.of());
        PublishRequest byAccount = SnsMessages.publishRequest("n-1", TOPIC + ".fifo", "s", notification, "account",
                Map.of());

        // Then
        assertThat(byFingerprint.messageGroupId()).isEqualTo(notification.fingerprint());
        assertThat(byAccount.messageGroupId()).isEqualTo("111122223333");
        assertThat(byFingerprint.messageDeduplicationId()).isEqualTo(StableIds.of("n-1", notification.alertId()));
    }

    @Test
    void longTitleIsCutToASubjectSnsAccepts() {
        // Given
        Notification base = Notification.of(TestAlerts.stopLogging(Severity.CRITICAL));
        Notification notification = new Notification(1, base.alertId(), base.fingerprint(), base.ruleId(),
                "Root account used\nfrom an unknown network " + "x".repeat(200), base.severity(), null, null, null,
                null, null, null, null, null, null, 1, null);

        // When
        String subject = SnsMessages.subject(notification);

        // Then
        assertThat(subject).hasSize(99)
                .startsWith("[Vigil CRITICAL] CloudWatch.5 — Root account used from an unknown network xxx")
                .endsWith("x…");
    }

    @Test
    void onlySnsTopicArnsAreAccepted() {
        // When / Then
        assertThat(SnsMessages.isTopicArn("arn:aws:sns:us-east-1:000000000000:vigil-alerts")).isTrue();
        assertThat(SnsMessages.isTopicArn("arn:aws:sns:us-east-1:000000000000:vigil-alerts.fifo")).isTrue();
        assertThat(SnsMessages.isTopicArn("arn:aws:sqs:us-east-1:000000000000:vigil-alerts")).isFalse();
        assertThat(SnsMessages.isTopicArn("vigil-alerts")).isFalse();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
