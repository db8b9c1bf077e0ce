package io.vigil.notify.silence;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class SilenceAndInhibitionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    @Test
    void silencedAlertIsRecordedAsSuppressedNotSentAndExpiringTheSilenceLetsTheNextOneThrough() throws Exception {
        // Given
        String account = account();
        String silenceId = operator().contentType("application/json").body("""
                {"matchers": ["account = \\"%s\\"", "tag = gate"], "endsAt": "%s",
                 "createdBy": "alice", "comment": "planned pen test"}""".formatted(account,
                Instant.now().plusSeconds(3600)))
                .when().post("/api/v1/silences")
                .then().statusCode(201).body("state", equalTo("active")).body("createdBy", equalTo("alice"))
                .extract().path("id");
        Alert silenced = TestAlerts.tagged("gate", Severity.HIGH, account);

        // When
        NotifyTestClients.publish(bootstrapServers, silenced);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(silenced.id()).getList("items")).hasSize(1));
        JsonPath ledger = ledger(silenced.id());
        assertThat(ledger.getString("items[0].delivery.outcome")).isEqualTo("SUPPRESSED");
        assertThat(ledger.getString("items[0].delivery.receiver")).isEqualTo("webhook-gate");
        assertThat(ledger.getString("items[0].delivery.error"))
                .isEqualTo("silenced by silence " + silenceId + " (alice: planned pen test)");
        assertThat(requestsMentioning("/gate", silenced.id())).isEmpty();
        operator().when().get("/api/v1/silences").then().statusCode(200).body("id", hasItem(silenceId));

        // When the silence is expired
        operator().when().delete("/api/v1/silences/" + silenceId).then().statusCode(200)
                .body("state", equalTo("expired"));
        Alert after = TestAlerts.tagged("gate", Severity.HIGH, account);
        NotifyTestClients.publish(bootstrapServers, after);

        // Then
        awaitRequests("/gate", after.id(), 1, WAIT);
        operator().when().get("/api/v1/silences").then().body("id", not(hasItem(silenceId)));
        operator().queryParam("includeExpired", true).when().get("/api/v1/silences").then().body("id",
                hasItem(silenceId));
    }

    @Test
    void alertGroupedBeforeASilenceWasCreatedIsRecordedAsSuppressedWhenItsGroupIsDue() throws Exception {
        // Given an alert waiting in its group (route "held": group_wait 6s)
        String account = account();
        Alert held = TestAlerts.tagged("held", Severity.HIGH, account);
        NotifyTestClients.publish(bootstrapServers, held);
        await().atMost(WAIT).until(() -> isGrouped(held.id()));

        // When a silence matching it is created before the group is due
        String silenceId = operator().contentType("application/json").body("""
                {"matchers": ["account = \\"%s\\""], "endsAt": "%s",
                 "comment": "maintenance"}""".formatted(account,
                Instant.now().plusSeconds(3600)))
                .when().post("/api/v1/silences")
                .then().statusCode(201).extract().path("id");

        // Then: intake recorded it queued (waiting in its group), the flush recorded it suppressed
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(held.id()).getList("items")).hasSize(2));
        JsonPath ledger = ledger(held.id());
        assertThat(ledger.<String>getList("items.delivery.outcome")).containsExactly("QUEUED", "SUPPRESSED");
        assertThat(ledger.getString("items[0].delivery.error")).startsWith("waiting in group ")
                .contains(" of route root.10 until it is due");
        assertThat(ledger.getString("items[1].delivery.receiver")).isEqualTo("webhook-gate");
        assertThat(ledger.getString("items[1].delivery.error"))
                .isEqualTo("silenced by silence " + silenceId + " (alice: maintenance)");
        assertThat(groupMemberNotified(held.id())).isTrue();
        assertThat(requestsMentioning("/gate", held.id())).isEmpty();
    }

    private boolean isGrouped(String alertId) throws SQLException {
        return groupMemberNotified(alertId) != null;
    }

    /** @return whether the alert's group membership is marked notified; null while it is not in a group */
    private Boolean groupMemberNotified(String alertId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT notified_at IS NOT NULL FROM group_member WHERE alert_id = ?")) {
            select.setString(1, alertId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getBoolean(1) : null;
            }
        }
    }

    @Test
    void invalidSilencesAreRefusedWithAProblemNamingTheFault() {
        // When / Then
        operator().contentType("application/json").body("""
                {"matchers": ["rule =~ \\"(broken\\""], "endsAt": "2099-01-01T00:00:00Z", "createdBy": "a",
                 "comment": "c"}""")
                .when().post("/api/v1/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid-matcher"))
                .body("message", equalTo("matcher 'rule =~ \"(broken\"' has an invalid regular expression:"
                        + " Unclosed group"));
        operator().contentType("application/json").body("""
                {"matchers": ["tag = gate"], "startsAt": "2099-01-02T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
                 "createdBy": "a", "comment": "c"}""")
                .when().post("/api/v1/silences")
                .then().statusCode(400).body("code", equalTo("invalid-silence"))
                .body("message", equalTo("endsAt must be after startsAt (2099-01-02T00:00:00Z)"));
        operator().contentType("application/json").body("""
                {"matchers": ["tag = gate"], "endsAt": "2099-01-01T00:00:00Z", "createdBy": "mallory",
                 "comment": "c"}""")
                .when().post("/api/v1/silences")
                .then().statusCode(400).body("code", equalTo("actor-mismatch"))
                .body("message", equalTo("createdBy is 'mallory' but the token is 'alice'; the actor is taken from"
                        + " the token (leave createdBy out)"));
        operator().when().delete("/api/v1/silences/nope").then().statusCode(404)
                .body("code", equalTo("silence-not-found"));
    }

    @Test
    void criticalGuardDutyFindingInhibitsLowAlertsOfTheSameAccountOnly() {
        // Given
        String account = account();
        String otherAccount = account();
        Alert finding = TestAlerts.alert("fp-" + UUID.randomUUID(), Severity.CRITICAL, "GuardDuty.UnauthorizedAccess",
                account, List.of("gate"));
        NotifyTestClients.publish(bootstrapServers, finding);
        awaitRequests("/gate", finding.id(), 1, WAIT);
        Alert inhibited = TestAlerts.tagged("gate", Severity.LOW, account);
        Alert elsewhere = TestAlerts.tagged("gate", Severity.LOW, otherAccount);

        // When
        NotifyTestClients.publish(bootstrapServers, inhibited);
        NotifyTestClients.publish(bootstrapServers, elsewhere);

        // Then
        awaitRequests("/gate", elsewhere.id(), 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(inhibited.id()).getList("items")).hasSize(1));
        assertThat(ledger(inhibited.id()).getString("items[0].delivery.outcome")).isEqualTo("SUPPRESSED");
        assertThat(ledger(inhibited.id()).getString("items[0].delivery.error")).isEqualTo("inhibited by alert "
                + finding.id() + " (inhibit rule at line 48 (source [rule=~\"GuardDuty\\..*\","
                + " severity=\"critical\"], equal [account]))");
        assertThat(requestsMentioning("/gate", inhibited.id())).isEmpty();
    }

    @Test
    void explainNamesTheActiveSilencesAndTheInhibitionThatWouldSuppressTheAlertAndLeavesItsReceiversOut() {
        // Given: a silence for one account, a critical GuardDuty finding received for another
        String silencedAccount = account();
        String inhibitedAccount = account();
        String silenceId = operator().contentType("application/json").body("""
                {"matchers": ["account = \\"%s\\""], "endsAt": "%s", "comment": "planned pen test"}"""
                .formatted(silencedAccount, Instant.now().plusSeconds(3600)))
                .when().post("/api/v1/silences").then().statusCode(201).extract().path("id");
        Alert finding = TestAlerts.alert("fp-" + UUID.randomUUID(), Severity.CRITICAL, "GuardDuty.UnauthorizedAccess",
                inhibitedAccount, List.of("gate"));
        NotifyTestClients.publish(bootstrapServers, finding);
        awaitRequests("/gate", finding.id(), 1, WAIT);

        // When
        JsonPath silenced = explain("{\"tag\": \"gate\", \"severity\": \"high\", \"account\": \""
                + silencedAccount + "\"}");
        JsonPath inhibited = explain("{\"tag\": \"gate\", \"severity\": \"low\", \"account\": \""
                + inhibitedAccount + "\"}");
        JsonPath free = explain("{\"tag\": \"gate\", \"severity\": \"low\", \"account\": \"" + account()
                + "\"}");

        // Then
        assertThat(silenced.<String>getList("receivers")).isEmpty();
        assertThat(silenced.<String>getList("routes[0].silencedBy"))
                .containsExactly("silenced by silence " + silenceId + " (alice: planned pen test)");
        assertThat(silenced.getString("routes[0].inhibitedBy")).isNull();
        assertThat(inhibited.<String>getList("receivers")).isEmpty();
        assertThat(inhibited.<String>getList("routes[0].silencedBy")).isEmpty();
        assertThat(inhibited.getString("routes[0].inhibitedBy")).isEqualTo("inhibited by alert " + finding.id()
                + " (inhibit rule at line 48 (source [rule=~\"GuardDuty\\..*\", severity=\"critical\"],"
                + " equal [account]))");
        assertThat(free.<String>getList("receivers")).containsExactly("webhook-gate");
        assertThat(free.<String>getList("routes[0].silencedBy")).isEmpty();
        assertThat(free.getString("routes[0].inhibitedBy")).isNull();
        operator().when().delete("/api/v1/silences/" + silenceId).then().statusCode(200);
    }

    private static JsonPath explain(String labels) {
        return operator().contentType("application/json").body(labels).when().post("/api/v1/routing/explain")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void alertOnARouteInsideItsMuteTimeIntervalIsSuppressedWithTheInterval() {
        // Given
        Alert alert = TestAlerts.tagged("muted", Severity.HIGH, account());

        // When
        NotifyTestClients.publish(bootstrapServers, alert);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).getList("items")).hasSize(1));
        assertThat(ledger(alert.id()).getString("items[0].delivery.outcome")).isEqualTo("SUPPRESSED");
        assertThat(ledger(alert.id()).getString("items[0].delivery.error"))
                .isEqualTo("route root.6 muted by mute_time_intervals 'always'");
        assertThat(requestsMentioning("/gate", alert.id())).isEmpty();
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String account() {
        return "3" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L);
    }
}
