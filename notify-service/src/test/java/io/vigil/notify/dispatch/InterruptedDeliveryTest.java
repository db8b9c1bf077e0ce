package io.vigil.notify.dispatch;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
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

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
