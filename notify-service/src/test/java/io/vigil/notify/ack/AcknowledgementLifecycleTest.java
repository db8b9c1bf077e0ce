package io.vigil.notify.ack;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.json;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 review, G1: an acknowledgement holds back what was acknowledged until it is resolved, recorded as
 * {@code SUPPRESSED}; after the resolve, the fingerprint is sent, escalated and acknowledged again.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class AcknowledgementLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Database database;

    @Inject
    AlertRepository alerts;

    @Inject
    AcknowledgementRepository acknowledgements;

    @Inject
    NotificationRepository notifications;

    @Inject
    Escalator escalator;

    @Test
    void alertOfAnAcknowledgedFingerprintIsRecordedSuppressedNamingWhoAndOneArrivingAfterTheResolveIsSentAgain() {
        // Given: route grouping (group_wait 2s, repeat_interval 3s); an alert notified, then acknowledged
        String account = "51" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L);
        String fingerprint = "fp-" + UUID.randomUUID();
        Alert first = grouping(fingerprint, account);
        NotifyTestClients.publish(bootstrapServers, first);
        awaitRequests("/grouping", first.id(), 1, WAIT);
        acknowledge(first, "acknowledge");
        Alert whileAcknowledged = grouping(fingerprint, account);
        NotifyTestClients.publish(bootstrapServers, whileAcknowledged);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(whileAcknowledged.id())
                .<String>getList("items.delivery.outcome")).containsExactly("QUEUED", "SUPPRESSED"));
        acknowledge(first, "resolve");
        Alert afterResolve = grouping(fingerprint, account);

        // When
        NotifyTestClients.publish(bootstrapServers, afterResolve);

        // Then
        JsonNode sent = json(awaitRequests("/grouping", afterResolve.id(), 1, WAIT).get(0));
        assertThat(sent.path("action").asText()).isEqualTo("FIRING");
        assertThat(sent.path("alerts").findValuesAsText("alertId")).containsExactly(afterResolve.id());
        assertThat(ledger(whileAcknowledged.id()).getString("items[1].delivery.error"))
                .startsWith("acknowledged by alice at ").contains("fingerprint " + fingerprint);
        assertThat(requestsMentioning("/grouping", whileAcknowledged.id())).isEmpty();
        assertThat(requestsMentioning("/grouping", account)).hasSize(2);
    }

    @Test
    void fingerprintAcknowledgedAgainAfterItsResolveAndAFreshTriggerIsAcknowledgedAndResolvedInPagerDutyAgain() {
        // Given: route pager; one incident triggered, acknowledged and resolved, then the fingerprint fires again
        Alert first = TestAlerts.tagged("pager", Severity.HIGH, "510000000002");
        NotifyTestClients.publish(bootstrapServers, first);
        awaitRequests("/pager", first.id(), 1, WAIT);
        acknowledge(first, "acknowledge");
        acknowledge(first, "resolve");
        awaitRequests("/pager", first.fingerprint(), 3, WAIT);
        Alert again = TestAlerts.alert(first.fingerprint(), Severity.HIGH, TestAlerts.RULE_ID, "510000000002",
                List.of("pager"));
        NotifyTestClients.publish(bootstrapServers, again);
        awaitRequests("/pager", again.id(), 1, WAIT);

        // When
        acknowledge(again, "acknowledge");
        acknowledge(again, "resolve");

        // Then
        List<String> actions = awaitRequests("/pager", first.fingerprint(), 6, WAIT).stream()
                .map(request -> json(request).path("event_action").asText()).toList();
        assertThat(actions).containsExactly("trigger", "acknowledge", "resolve", "trigger", "acknowledge",
                "resolve");
    }

    @Test
    void acknowledgingALaterAlertIdThatWasHeldAndNeverSentAcknowledgesTheFingerprintsIncidentInPagerDuty() {
        // Given: route pager (repeat_interval 4h); the first alert triggered, a second of its fingerprint is held
        Alert first = TestAlerts.tagged("pager", Severity.HIGH, "510000000004");
        NotifyTestClients.publish(bootstrapServers, first);
        awaitRequests("/pager", first.id(), 1, WAIT);
        Alert held = TestAlerts.alert(first.fingerprint(), Severity.HIGH, TestAlerts.RULE_ID, "510000000004",
                List.of("pager"));
        NotifyTestClients.publish(bootstrapServers, held);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(held.id())
                .<String>getList("items.delivery.outcome")).containsExactly("QUEUED"));

        // When
        acknowledge(held, "acknowledge");

        // Then
        List<RecordedRequest> requests = awaitRequests("/pager", first.fingerprint(), 2, WAIT);
        JsonNode acknowledge = json(requests.get(1));
        assertThat(acknowledge.path("event_action").asText()).isEqualTo("acknowledge");
        assertThat(acknowledge.path("dedup_key").asText()).isEqualTo(first.fingerprint());
        assertThat(requests).hasSize(2);
    }

    @Test
    void acknowledgeIsNotSentBeforeATriggerOfItsFingerprintThatIsStillBeingRetried() {
        // Given: a trigger to pager still pending, its next attempt due in 5s (as after a failed attempt)
        Alert alert = TestAlerts.tagged("gate", Severity.HIGH, "510000000005");
        String triggerId = "trigger-" + UUID.randomUUID();
        database.inTransaction(connection -> {
            store(connection, alert, Instant.now());
            notifications.insert(connection, triggerId, null, java.util.Map.of(), "pager", NotificationAction.FIRING,
                    List.of(alert.id()), null, 6, Instant.now());
            try (java.sql.PreparedStatement later = connection.prepareStatement("UPDATE notification SET"
                    + " next_attempt_at = now() + interval '5 seconds' WHERE notification_id = ?")) {
                later.setString(1, triggerId);
                later.executeUpdate();
            }
            return null;
        });

        // When
        acknowledge(alert, "acknowledge");

        // Then: the trigger, and only after it the acknowledge
        List<String> actions = awaitRequests("/pager", alert.fingerprint(), 2, WAIT).stream()
                .map(request -> json(request).path("event_action").asText()).toList();
        assertThat(actions).containsExactly("trigger", "acknowledge");
    }

    @Test
    void alertReceivedAfterItsFingerprintWasResolvedEscalatesButOnesCoveredByAnAcknowledgementDoNot() {
        // Given: alerts received well past the 3s, written as intake would, in one transaction (the running
        // escalator sees all or nothing)
        Instant now = Instant.now();
        String resolvedFingerprint = "fp-" + UUID.randomUUID();
        String acknowledgedFingerprint = "fp-" + UUID.randomUUID();
        Alert beforeResolve = critical(resolvedFingerprint);
        Alert afterResolve = critical(resolvedFingerprint);
        Alert acknowledged = critical(acknowledgedFingerprint);
        Alert laterWhileAcknowledged = critical(acknowledgedFingerprint);
        database.inTransaction(connection -> {
            store(connection, beforeResolve, now.minusSeconds(60));
            acknowledgements.acknowledge(connection, resolvedFingerprint, beforeResolve.id(), now.minusSeconds(60),
                    "alice", null, now.minusSeconds(59));
            acknowledgements.resolve(connection, resolvedFingerprint, now.minusSeconds(50));
            store(connection, afterResolve, now.minusSeconds(40));
            store(connection, acknowledged, now.minusSeconds(60));
            acknowledgements.acknowledge(connection, acknowledgedFingerprint, acknowledged.id(),
                    now.minusSeconds(60), "alice", null, now.minusSeconds(59));
            store(connection, laterWhileAcknowledged, now.minusSeconds(30));
            return null;
        });

        // When
        escalator.escalateDue();

        // Then
        assertThat(escalations(afterResolve.id())).hasSize(1);
        assertThat(escalations(beforeResolve.id())).isEmpty();
        assertThat(escalations(acknowledged.id())).isEmpty();
        assertThat(escalations(laterWhileAcknowledged.id())).isEmpty();
    }

    @Test
    void acknowledgingAnAlertReceivedBeforeItsFingerprintWasResolvedIsRefusedAndALaterAlertCanStillBeAcknowledged() {
        // Given: an alert received a minute ago, its fingerprint resolved now
        String fingerprint = "fp-" + UUID.randomUUID();
        Alert old = TestAlerts.alert(fingerprint, Severity.HIGH, TestAlerts.RULE_ID, "510000000006",
                List.of("gate"));
        database.inTransaction(connection -> {
            store(connection, old, Instant.now().minusSeconds(60));
            return null;
        });
        acknowledge(old, "resolve");
        AcknowledgementRepository.Acknowledgement resolved = acknowledgement(fingerprint);

        // When: the old alert is acknowledged (a stale link)
        operator().contentType("application/json").body("{\"by\":\"alice\"}")
                .when().post("/api/v1/alerts/" + old.id() + "/acknowledge")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("already-resolved"));

        // Then: nothing changed, the fingerprint stays resolved; an alert of it received after the resolve is
        // acknowledged as a new acknowledgement
        assertThat(acknowledgement(fingerprint)).isEqualTo(resolved);
        assertThat(resolved.resolvedAt()).isNotNull();
        Alert later = TestAlerts.alert(fingerprint, Severity.HIGH, TestAlerts.RULE_ID, "510000000006",
                List.of("gate"));
        database.inTransaction(connection -> {
            store(connection, later, Instant.now());
            return null;
        });
        acknowledge(later, "acknowledge");
        AcknowledgementRepository.Acknowledgement again = acknowledgement(fingerprint);
        assertThat(again.alertId()).isEqualTo(later.id());
        assertThat(again.resolvedAt()).isNull();
        assertThat(again.acknowledgedAt()).isAfter(resolved.resolvedAt());
    }

    private AcknowledgementRepository.Acknowledgement acknowledgement(String fingerprint) {
        return database.inTransaction(connection -> acknowledgements.find(connection, fingerprint)).orElseThrow();
    }

    private void store(java.sql.Connection connection, Alert alert, Instant receivedAt)
            throws java.sql.SQLException {
        alerts.insertAll(connection, List.of(new AlertRepository.NewAlert(alert, AlertLabels.of(alert), true)),
                receivedAt);
    }

    private List<NotificationRepository.Row> escalations(String alertId) {
        return database.inTransaction(connection -> notifications.forAlert(connection, alertId)).stream()
                .filter(row -> row.action() == NotificationAction.ESCALATION).toList();
    }

    private static void acknowledge(Alert alert, String action) {
        operator().contentType("application/json").body("{\"by\":\"alice\"}")
                .when().post("/api/v1/alerts/" + alert.id() + "/" + action).then().statusCode(200);
    }

    private static Alert grouping(String fingerprint, String account) {
        return TestAlerts.alert(fingerprint, Severity.HIGH, TestAlerts.RULE_ID, account, List.of("grouping"));
    }

    private static Alert critical(String fingerprint) {
        return TestAlerts.alert(fingerprint, Severity.CRITICAL, TestAlerts.RULE_ID, "510000000003",
                List.of("gate"));
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
