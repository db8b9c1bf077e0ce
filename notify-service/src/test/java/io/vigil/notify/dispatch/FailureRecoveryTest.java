package io.vigil.notify.dispatch;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.json;
import static io.vigil.notify.Sink.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.Severity;
import io.vigil.contract.Topics;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.localinfra.http.Reply;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Receivers that fail: retries with backoff (6 attempts in the tests), the circuit breaker (opens after 3
 * consecutive failures for 300ms), timeouts (500ms for webhook-flaky), dead letters and replay.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class FailureRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void receiverAnswering500AndThenTimingOutGetsEveryAlertExactlyOnceAfterItRecovers() {
        // Given: four 500s, then two answers slower than the 500ms timeout, then healthy
        List<Reply> outage = new ArrayList<>();
        IntStream.range(0, 4).forEach(i -> outage.add(Reply.status(500)));
        IntStream.range(0, 2).forEach(i -> outage.add(Reply.delayed(200, 1500)));
        sink().script("/flaky", outage);
        List<Alert> alerts = IntStream.range(0, 5)
                .mapToObj(i -> TestAlerts.tagged("flaky", Severity.HIGH, "510000000001")).toList();

        // When
        alerts.forEach(alert -> NotifyTestClients.publish(bootstrapServers, alert));

        // Then: each alert accepted exactly once; retries carried the same idempotency key
        await().atMost(WAIT).untilAsserted(() -> assertThat(acceptedAlertIds()).containsExactlyInAnyOrderElementsOf(
                alerts.stream().map(Alert::id).toList()));
        Map<String, Long> acceptedPerAlert = acceptedAlertIds().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(acceptedPerAlert).allSatisfy((alertId, count) -> assertThat(count).isEqualTo(1L));
        List<RecordedRequest> ours = sink().requests("/flaky").stream()
                .filter(r -> alerts.stream().anyMatch(a -> r.body().contains(a.id()))).toList();
        assertThat(ours.size()).isGreaterThan(alerts.size());
        assertThat(ours.stream().filter(r -> r.status() == 500).count()).isEqualTo(4);

        // and the ledger has the failed attempts with their status codes and one DELIVERED per alert
        for (Alert alert : alerts) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).getList(
                    "items.findAll { it.delivery.outcome == 'DELIVERED' }")).hasSize(1));
        }
        List<Integer> failedCodes = alerts.stream().flatMap(alert -> ledger(alert.id())
                .<Integer>getList("items.findAll { it.delivery.outcome == 'FAILED' }.delivery.responseCode").stream())
                .toList();
        assertThat(failedCodes.stream().filter(code -> code != null && code == 500).count()).isEqualTo(4);
        assertThat(failedCodes.stream().filter(code -> code == null).count()).as("timeouts").isEqualTo(2);
    }

    @Test
    void notificationFailingEveryAttemptIsDeadLetteredOnTheTopicAndCanBeReplayedOnce() {
        // Given
        sink().defaultReply("/broken", Reply.status(503));
        TopicTail deadLetters = TopicTail.mark(bootstrapServers, Topics.NOTIFY_DLQ);
        Alert alert = TestAlerts.tagged("broken", Severity.HIGH, "520000000001");

        // When
        NotifyTestClients.publish(bootstrapServers, alert);

        // Then
        List<ConsumerRecord<String, byte[]>> records = deadLetters.await(1, WAIT);
        Delivery deadLetter = ContractJson.read(records.get(0).value(), Delivery.class);
        assertThat(records.get(0).key()).isEqualTo(alert.id());
        assertThat(deadLetter.outcome()).isEqualTo(DeliveryOutcome.DEAD_LETTERED);
        assertThat(deadLetter.attempt()).isEqualTo(6);
        assertThat(deadLetter.responseCode()).isEqualTo(503);
        assertThat(deadLetter.error()).startsWith("Attempt 6 of 6: Receiver 'webhook-broken' (127.0.0.1) answered 503");
        JsonPath ledger = ledger(alert.id());
        assertThat(ledger.<String>getList("items.delivery.outcome")).containsExactly("QUEUED", "FAILED", "FAILED",
                "FAILED", "FAILED", "FAILED", "DEAD_LETTERED");
        String notificationId = deadLetter.notificationId();
        operator().queryParam("status", "DEAD_LETTERED").when().get("/api/v1/notifications")
                .then().statusCode(200);
        assertThat(operator().queryParam("status", "DEAD_LETTERED").when().get("/api/v1/notifications")
                .then().extract().jsonPath().<String>getList("id")).contains(notificationId);

        // When the receiver is back and the dead letter is replayed
        sink().defaultReply("/broken", Reply.status(200));
        operator().when().post("/api/v1/notifications/" + notificationId + "/replay")
                .then().statusCode(202).body("status", equalTo("PENDING")).body("attemptLimit", equalTo(12));

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).<String>getList(
                "items.delivery.outcome")).endsWith("DELIVERED"));
        assertThat(ledger(alert.id()).<Integer>getList("items.delivery.attempt")).endsWith(7);
        assertThat(sink().accepted("/broken").stream().filter(r -> r.body().contains(alert.id())).toList())
                .hasSize(1);
        operator().when().post("/api/v1/notifications/" + notificationId + "/replay")
                .then().statusCode(409).body("code", equalTo("not-dead-lettered"));
        operator().when().post("/api/v1/notifications/unknown/replay").then().statusCode(404);
    }

    private static List<String> acceptedAlertIds() {
        return sink().accepted("/flaky").stream()
                .flatMap(r -> json(r).path("alerts").findValuesAsText("alertId").stream()).toList();
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
