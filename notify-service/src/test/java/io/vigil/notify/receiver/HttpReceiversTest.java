package io.vigil.notify.receiver;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.ReceiversTestResource;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.receiver.webhook.WebhookSigner;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class HttpReceiversTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "210000000001";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void alertReachesSlackTeamsPagerDutyAndTheSignedWebhookWithTheirOwnPayloadsAndIsRecordedPerReceiver()
            throws Exception {
        // Given
        Alert alert = TestAlerts.tagged("chat", Severity.HIGH, ACCOUNT);

        // When
        NotifyTestClients.publish(bootstrapServers, alert);

        // Then: Slack Block Kit, with sourceIp and actorArn redacted for this receiver
        JsonNode slack = json(single(awaitRequests("/slack", alert.id(), 1, WAIT)));
        assertThat(slack.path("text").asText())
                .isEqualTo("[Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed");
        assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(slack.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("[Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed");
        String section = slack.path("blocks").get(1).path("text").path("text").asText();
        assertThat(slack.path("blocks").get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(section).contains("Who:     [redacted]", "From:    [redacted]", "Account: " + ACCOUNT,
                "Alert " + alert.id()).doesNotContain(TestAlerts.SOURCE_IP);
        assertThat(slack.path("blocks").get(2).path("type").asText()).isEqualTo("context");

        // Teams Adaptive Card, with this receiver's own title template
        JsonNode teams = json(single(awaitRequests("/teams", alert.id(), 1, WAIT)));
        assertThat(teams.path("type").asText()).isEqualTo("message");
        JsonNode attachment = teams.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("HIGH CloudWatch.5 in account " + ACCOUNT);
        assertThat(card.path("body").get(2).path("facts").get(0).path("value").asText()).isEqualTo("HIGH");
        assertThat(card.path("body").get(2).path("facts").findValuesAsText("value")).contains(TestAlerts.SOURCE_IP);
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo(TestAlerts.RUNBOOK);

        // PagerDuty Events API v2 trigger, de-duplicated by the alert fingerprint
        JsonNode pagerDuty = json(single(awaitRequests("/pagerduty", alert.id(), 1, WAIT)));
        assertThat(pagerDuty.path("routing_key").asText()).isEqualTo(ReceiversTestResource.ROUTING_KEY);
        assertThat(pagerDuty.path("event_action").asText()).isEqualTo("trigger");
        assertThat(pagerDuty.path("dedup_key").asText()).isEqualTo(alert.fingerprint());
        assertThat(pagerDuty.path("payload").path("summary").asText())
                .isEqualTo("[Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed");
        assertThat(pagerDuty.path("payload").path("severity").asText()).isEqualTo("error");
        assertThat(pagerDuty.path("payload").path("source").asText()).isEqualTo("aws:" + ACCOUNT + ":eu-west-1");
        assertThat(pagerDuty.path("payload").path("custom_details").path("alertId").asText()).isEqualTo(alert.id());

        // generic webhook: JSON, idempotency key, timestamp and HMAC-SHA256 signature
        RecordedRequest hook = single(awaitRequests("/webhook", alert.id(), 1, WAIT));
        JsonNode body = json(hook);
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("action").asText()).isEqualTo("FIRING");
        assertThat(body.path("alerts").get(0).path("alertId").asText()).isEqualTo(alert.id());
        assertThat(body.path("alerts").get(0).path("sourceIp").asText()).isEqualTo(TestAlerts.SOURCE_IP);
        assertThat(hook.header("Idempotency-Key")).isEqualTo(body.path("notificationId").asText());
        assertThat(hook.header("Content-Type")).isEqualTo("application/json");
        String timestamp = hook.header(WebhookSigner.TIMESTAMP_HEADER);
        assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().getEpochSecond() - 60,
                Instant.now().getEpochSecond() + 1);
        assertThat(hook.header(WebhookSigner.SIGNATURE_HEADER)).isEqualTo(WebhookSigner.signature(
                ReceiversTestResource.WEBHOOK_SECRET, timestamp, hook.body().getBytes(StandardCharsets.UTF_8)));

        // one DELIVERED ledger row per receiver, with the HTTP status
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id(), "DELIVERED").getList("items"))
                .hasSize(4));
        JsonPath ledger = ledger(alert.id(), "DELIVERED");
        List<String> receivers = ledger.getList("items.delivery.receiver");
        List<String> outcomes = ledger.getList("items.delivery.outcome");
        List<Integer> codes = ledger.getList("items.delivery.responseCode");
        assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(i -> tuple(receivers.get(i), outcomes.get(i),
                codes.get(i))).toList()).containsExactlyInAnyOrder(
                        tuple("slack", "DELIVERED", 200), tuple("teams", "DELIVERED", 200),
                        tuple("pagerduty", "DELIVERED", 202), tuple("webhook", "DELIVERED", 200));
        assertThat(ledger.getString("items.find { it.delivery.receiver == 'webhook' }.delivery.notificationId"))
                .isEqualTo(hook.header("Idempotency-Key"));
        // and the QUEUED row intake wrote names the notification that was sent
        assertThat(ledger(alert.id(), "QUEUED").getString(
                "items.find { it.delivery.receiver == 'webhook' }.delivery.notificationId"))
                .isEqualTo(hook.header("Idempotency-Key"));
    }

    private static JsonPath ledger(String alertId, String status) {
        return operator().queryParam("alertId", alertId).queryParam("status", status).when()
                .get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath();
    }

    private static RecordedRequest single(List<RecordedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
