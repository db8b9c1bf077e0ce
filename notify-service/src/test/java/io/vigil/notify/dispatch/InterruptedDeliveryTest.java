package io.vigil.notify.dispatch;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a notify-service instance killed mid-send leaves behind: a claimed notification (attempt counted, lease set)
 * with no recorded outcome. This test writes exactly that state into PostgreSQL, with the lease already run out, and
 * checks that the running worker takes it over. It does not kill a process; it reproduces the state a kill leaves.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class InterruptedDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Database database;

    @Inject
    AlertRepository alerts;

    @Inject
    NotificationRepository notifications;

    @Inject
    DeliveryWorker worker;

    @Test
    void notificationWhoseSenderDiedMidSendIsSentAgainWithTheSameIdempotencyKeyAndTheLostAttemptIsRecorded() {
        // Given
        Alert alert = TestAlerts.tagged("gate", Severity.MEDIUM, "610000000001");
        String notificationId = "n-" + UUID.randomUUID();
        Instant now = Instant.now();
        database.inTransaction(connection -> {
            alerts.insertAll(connection, List.of(new AlertRepository.NewAlert(alert, AlertLabels.of(alert), false)),
                    now);
            notifications.insert(connection, notificationId, "g-test", Map.of(), "webhook-gate",
                    NotificationAction.FIRING, List.of(alert.id()), null, 6, now);
            try (PreparedStatement crashed = connection.prepareStatement("UPDATE notification SET attempts = 1,"
                    + " lease_until = ? WHERE notification_id = ?")) {
                Database.setInstant(crashed, 1, now.minusSeconds(1));
                crashed.setString(2, notificationId);
                crashed.executeUpdate();
            }
            return null;
        });

        // When
        worker.wake();

        // Then
        List<RecordedRequest> requests = awaitRequests("/gate", alert.id(), 1, WAIT);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).header("Idempotency-Key")).isEqualTo(notificationId);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).<String>getList(
                "items.delivery.outcome")).containsExactly("FAILED", "DELIVERED"));
        JsonPath ledger = ledger(alert.id());
        assertThat(ledger.<Integer>getList("items.delivery.attempt")).containsExactly(1, 2);
        assertThat(ledger.getString("items[0].delivery.error")).isEqualTo("Attempt 1 of notification "
                + notificationId + " was interrupted: no outcome was recorded before its lease ran out (the service"
                + " stopped mid-send?); sending again with the same idempotency key");
    }

    @Test
    void notificationWhoseLastAllowedAttemptWasInterruptedIsDeadLetteredAndNotSentBeyondItsLimit()
            throws Exception {
        // Given: attempt 6 of 6 claimed by an instance that died
        Alert alert = TestAlerts.tagged("gate", Severity.MEDIUM, "610000000002");
        String notificationId = crashed(alert, 6, 6, "PENDING");

        // When
        worker.wake();

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).<String>getList(
                "items.delivery.outcome")).containsExactly("DEAD_LETTERED"));
        JsonPath ledger = ledger(alert.id());
        assertThat(ledger.<Integer>getList("items.delivery.attempt")).containsExactly(6);
        assertThat(ledger.getString("items[0].delivery.error")).isEqualTo("Attempt 6 of notification "
                + notificationId + " was interrupted: no outcome was recorded before its lease ran out (the service"
                + " stopped mid-send?); it was the last of 6 attempts: dead-lettered (replayable)");
        NotificationRepository.Row row = database.inTransaction(connection -> notifications.find(connection,
                notificationId)).orElseThrow();
        assertThat(row.status()).isEqualTo(NotificationRepository.DEAD_LETTERED);
        assertThat(row.attempts()).isEqualTo(6);
        Thread.sleep(1500);
        assertThat(requestsMentioning("/gate", alert.id())).isEmpty();
    }

    @Test
    void replayingADeadLetterRecordsWhoReplayedItInTheLedgerBeforeItsNextAttempt() {
        // Given: a notification dead-lettered after 6 attempts
        Alert alert = TestAlerts.tagged("gate", Severity.MEDIUM, "610000000003");
        String notificationId = crashed(alert, 6, 6, "DEAD_LETTERED");

        // When
        operator().when().post("/api/v1/notifications/" + notificationId + "/replay").then().statusCode(202);

        // Then
        awaitRequests("/gate", alert.id(), 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).<String>getList(
                "items.delivery.outcome")).containsExactly("QUEUED", "DELIVERED"));
        JsonPath ledger = ledger(alert.id());
        assertThat(ledger.<Integer>getList("items.delivery.attempt")).containsExactly(0, 7);
        assertThat(ledger.getString("items[0].delivery.notificationId")).isEqualTo(notificationId);
        assertThat(ledger.getString("items[0].delivery.receiver")).isEqualTo("webhook-gate");
        assertThat(ledger.getString("items[0].delivery.error")).startsWith("replayed by alice at ")
                .endsWith(": attempts 7 to 12");
    }

    /** Writes a notification to webhook-gate with {@code attempts} of {@code limit} spent and its lease run out. */
    private String crashed(Alert alert, int attempts, int limit, String status) {
        String notificationId = "n-" + UUID.randomUUID();
        Instant now = Instant.now();
        database.inTransaction(connection -> {
            alerts.insertAll(connection, List.of(new AlertRepository.NewAlert(alert, AlertLabels.of(alert), false)),
                    now);
            notifications.insert(connection, notificationId, "g-test", Map.of(), "webhook-gate",
                    NotificationAction.FIRING, List.of(alert.id()), null, limit, now);
            try (PreparedStatement crashed = connection.prepareStatement("UPDATE notification SET attempts = ?,"
                    + " lease_until = ?, status = ? WHERE notification_id = ?")) {
                crashed.setInt(1, attempts);
                Database.setInstant(crashed, 2, "PENDING".equals(status) ? now.minusSeconds(1) : null);
                crashed.setString(3, status);
                crashed.setString(4, notificationId);
                crashed.executeUpdate();
            }
            return null;
        });
        return notificationId;
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
