package io.vigil.notify.api;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.notify.NotifyApi;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void explainSaysWhichReceiversAnAlertReachesAndWhy() {
        // When / Then
        operator().contentType("application/json").body("""
                {"severity": "high", "account": "111122223333", "rule": "CloudWatch.5", "tag": ["cis", "chat"]}""")
                .when().post("/api/v1/routing/explain")
                .then().statusCode(200)
                .body("receivers", contains("slack", "teams", "pagerduty", "webhook"))
                .body("routes[0].path", equalTo("root.1"))
                .body("routes[0].line", equalTo(13))
                .body("routes[0].mutedBy", nullValue())
                .body("routes[0].silencedBy", equalTo(List.of()))
                .body("routes[0].inhibitedBy", nullValue())
                .body("routes[0].reasons", contains("root route (line 3) matches every alert",
                        "route root.1 (line 13) matched tag=\"chat\" (tag=\"cis,chat\")"));
        operator().contentType("application/json").body("{\"tag\": \"muted\"}")
                .when().post("/api/v1/routing/explain")
                .then().statusCode(200).body("receivers", equalTo(List.of()))
                .body("routes[0].mutedBy", equalTo("mute_time_intervals 'always'"));
        operator().contentType("application/json").body("{\"team\": \"secops\"}")
                .when().post("/api/v1/routing/explain")
                .then().statusCode(400).body("code", equalTo("invalid-request"))
                .body("message", equalTo("unknown label 'team'; labels are account, control, dialect, fingerprint,"
                        + " region, rule, severity, tag"));
    }

    @Test
    void ledgerIsFilteredByReceiverAndStatusAndPagedByCursor() {
        // Given
        Alert alert = TestAlerts.tagged("chat", Severity.MEDIUM, "710000000001");
        NotifyTestClients.publish(bootstrapServers, alert);
        awaitRequests("/webhook", alert.id(), 1, WAIT);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(page(alert.id(), null, 100, null)
                .getList("items")).hasSize(8));

        // When
        JsonPath first = page(alert.id(), null, 5, null);
        JsonPath second = page(alert.id(), null, 5, first.getString("next"));
        JsonPath queued = operator().queryParam("alertId", alert.id()).queryParam("status", "queued").when()
                .get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath();
        JsonPath webhookOnly = operator().queryParam("alertId", alert.id()).queryParam("receiver", "webhook")
                .queryParam("status", "delivered").when().get("/api/v1/deliveries").then().statusCode(200)
                .extract().jsonPath();

        // Then
        assertThat(first.getList("items")).hasSize(5);
        assertThat(second.getList("items")).hasSize(3);
        assertThat(second.getString("next")).isNull();
        assertThat(first.getString("next")).isEqualTo(first.getString("items[4].cursor"));
        assertThat(first.<Long>getList("items.seq", Long.class))
                .allSatisfy(seq -> assertThat(seq).isLessThan(second.getLong("items[0].seq")));
        assertThat(webhookOnly.<String>getList("items.delivery.receiver")).containsExactly("webhook");
        assertThat(webhookOnly.getInt("items[0].delivery.attempt")).isEqualTo(1);
        assertThat(webhookOnly.getLong("items[0].delivery.durationMillis")).isGreaterThanOrEqualTo(0);
        // intake recorded the alert queued for each of the four receivers before any attempt
        assertThat(queued.<String>getList("items.delivery.receiver")).containsExactlyInAnyOrder("slack", "teams",
                "pagerduty", "webhook");
        assertThat(queued.<Integer>getList("items.delivery.attempt")).containsOnly(0);
        assertThat(first.<String>getList("items.delivery.outcome").subList(0, 4)).containsOnly("QUEUED");
    }

    @Test
    void badLedgerAndNotificationQueriesAreRefusedWithProblems() {
        // When / Then
        operator().queryParam("status", "LOST").when().get("/api/v1/deliveries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid-status"));
        operator().queryParam("since", "yesterday").when().get("/api/v1/deliveries")
                .then().statusCode(400).body("code", equalTo("invalid-since"));
        operator().queryParam("limit", 0).when().get("/api/v1/deliveries")
                .then().statusCode(400).body("code", equalTo("invalid-limit"));
        operator().queryParam("after", 12).when().get("/api/v1/deliveries")
                .then().statusCode(400).body("code", equalTo("invalid-after"))
                .body("message", equalTo("'12' is not a ledger cursor; use the 'next' of the previous page or an"
                        + " item's 'cursor'"));
        operator().queryParam("status", "GONE").when().get("/api/v1/notifications")
                .then().statusCode(400).body("code", equalTo("invalid-status"));
        operator().when().get("/api/v1/notifications/nope").then().statusCode(404)
                .body("code", equalTo("notification-not-found"));
    }

    @Test
    void requestWithoutATokenIs401AndWithoutTheRoleIs403() {
        // When / Then
        io.restassured.RestAssured.given().when().get("/api/v1/deliveries").then().statusCode(401);
        NotifyApi.viewer().when().get("/api/v1/deliveries").then().statusCode(200);
        NotifyApi.viewer().contentType("application/json").body("""
                {"matchers": ["tag = gate"], "endsAt": "2099-01-01T00:00:00Z", "createdBy": "v", "comment": "c"}""")
                .when().post("/api/v1/silences").then().statusCode(403);
        NotifyApi.viewer().when().post("/api/v1/notifications/any/replay").then().statusCode(403);
        NotifyApi.as(NotifyApi.OTHER_ROLE_TOKEN).when().get("/api/v1/deliveries").then().statusCode(403);
    }

    private static JsonPath page(String alertId, String receiver, int limit, String after) {
        var request = operator().queryParam("alertId", alertId).queryParam("limit", limit);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        if (receiver != null) {
            request = request.queryParam("receiver", receiver);
        }
        return request.when().get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath();
    }
}
