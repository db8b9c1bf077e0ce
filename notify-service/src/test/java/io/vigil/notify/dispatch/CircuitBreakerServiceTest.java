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
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker in the running service (route {@code circuit}, receiver {@code webhook-circuit}): while the
 * circuit is open, the receiver's notifications stay in the outbox, no request reaches the receiver and no attempt is
 * spent; once the open time is over, one trial goes through and its success closes the circuit.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class CircuitBreakerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String RECEIVER = "webhook-circuit";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    CircuitBreakers breakers;

    @Inject
    Database database;

    @Inject
    NotificationRepository notifications;

    @Test
    void notificationForAReceiverWithAnOpenCircuitIsHeldWithoutARequestOrAnAttemptThenSentByTheTrialThatClosesIt()
            throws Exception {
        // Given: three consecutive failures recorded as of 15 s from now, so the circuit (300 ms in the tests)
        // stays open about 15 s
        Instant failedAt = Instant.now().plusSeconds(15);
        for (int i = 0; i < 3; i++) {
            breakers.record(RECEIVER, false, failedAt);
        }
        assertThat(breakers.isOpen(RECEIVER)).isTrue();
        Alert alert = TestAlerts.tagged("circuit", Severity.HIGH, "710000000001");

        // When
        NotifyTestClients.publish(bootstrapServers, alert);

        // Then: while open, the notification waits in the outbox with no attempt spent and nothing was sent
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).<String>getList(
                "items.delivery.outcome")).containsExactly("QUEUED"));
        Thread.sleep(2000);
        assertThat(requestsMentioning("/circuit", alert.id())).isEmpty();
        NotificationRepository.Row held = notification(alert);
        assertThat(held.status()).isEqualTo(NotificationRepository.PENDING);
        assertThat(held.attempts()).isZero();
        assertThat(breakers.blocked(Instant.now())).contains(RECEIVER);

        // and after the open time, the trial is sent, succeeds and closes the circuit
        assertThat(awaitRequests("/circuit", alert.id(), 1, WAIT)).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).<String>getList(
                "items.delivery.outcome")).containsExactly("QUEUED", "DELIVERED"));
        assertThat(ledger(alert.id()).<Integer>getList("items.delivery.attempt")).containsExactly(0, 1);
        assertThat(notification(alert).attempts()).isEqualTo(1);
        assertThat(breakers.isOpen(RECEIVER)).isFalse();
        Alert next = TestAlerts.tagged("circuit", Severity.HIGH, "710000000001");
        NotifyTestClients.publish(bootstrapServers, next);
        assertThat(awaitRequests("/circuit", next.id(), 1, WAIT)).hasSize(1);
    }

    private NotificationRepository.Row notification(Alert alert) {
        List<NotificationRepository.Row> rows = database.inTransaction(connection -> notifications.forAlert(
                connection, alert.id()));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
