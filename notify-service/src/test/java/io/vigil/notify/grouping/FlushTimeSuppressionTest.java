package io.vigil.notify.grouping;

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
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.routing.RouteMatch;
import io.vigil.notify.routing.Router;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Inhibition and mute time intervals are checked again when a group is due, as silences are: an alert that waited in
 * its group is not sent if, by then, an inhibiting alert arrived or its route is muted.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class FlushTimeSuppressionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A Friday evening (UTC): route {@code weekend-quiet} is not muted. */
    private static final Instant FRIDAY = Instant.parse("2026-11-20T22:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Database database;

    @Inject
    AlertRepository alerts;

    @Inject
    GroupRepository groups;

    @Inject
    GroupFlusher flusher;

    @Inject
    Router router;

    @Test
    void lowAlertWaitingInItsGroupIsSuppressedWhenACriticalFindingForItsAccountArrivedBeforeTheGroupWasDue() {
        // Given a low alert waiting in its group (route "held": group_wait 6s), not inhibited when it arrived
        String account = "4" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L);
        Alert low = TestAlerts.tagged("held", Severity.LOW, account);
        NotifyTestClients.publish(bootstrapServers, low);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(low.id()).<String>getList(
                "items.delivery.outcome")).containsExactly("QUEUED"));

        // When a critical GuardDuty finding for the same account arrives before the group is due
        Alert finding = TestAlerts.alert("fp-" + UUID.randomUUID(), Severity.CRITICAL,
                "GuardDuty.UnauthorizedAccess", account, List.of("gate"));
        NotifyTestClients.publish(bootstrapServers, finding);
        awaitRequests("/gate", finding.id(), 1, WAIT);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(low.id()).<String>getList(
                "items.delivery.outcome")).containsExactly("QUEUED", "SUPPRESSED"));
        assertThat(ledger(low.id()).getString("items[1].delivery.error")).startsWith("inhibited by alert "
                + finding.id() + " (inhibit rule at line 48");
        assertThat(requestsMentioning("/gate", low.id())).isEmpty();
    }

    @Test
    void alertThatArrivedOnAFridayIsSuppressedWhenItsGroupIsDueOnASaturdayAndSentWhenDueOnFriday() {
        // Given: route weekend-quiet (group_wait 1h, muted on weekends); its group is flushed here, at chosen times,
        // inside the transaction that created it (the running flusher skips locked groups)
        Alert onFriday = TestAlerts.tagged("weekend-quiet", Severity.HIGH, "420000000001");
        Alert alsoOnFriday = TestAlerts.tagged("weekend-quiet", Severity.HIGH, "420000000002");

        // When
        GroupFlusher.FlushResult saturday = arriveAndFlush(onFriday, Instant.parse("2026-11-21T12:00:00Z"));
        GroupFlusher.FlushResult fridayLater = arriveAndFlush(alsoOnFriday, FRIDAY.plus(Duration.ofMinutes(90)));

        // Then
        assertThat(saturday.queued()).isEmpty();
        assertThat(saturday.suppressed()).isEqualTo(1);
        JsonPath ledger = ledger(onFriday.id());
        assertThat(ledger.<String>getList("items.delivery.outcome")).containsExactly("SUPPRESSED");
        assertThat(ledger.getString("items[0].delivery.receiver")).isEqualTo("webhook-gate");
        assertThat(ledger.getString("items[0].delivery.error"))
                .isEqualTo("route root.11 muted by mute_time_intervals 'weekend'");
        assertThat(fridayLater.suppressed()).isZero();
        assertThat(fridayLater.queued()).singleElement().satisfies(notification -> {
            assertThat(notification.receiver()).isEqualTo("webhook-gate");
            assertThat(notification.alertIds()).containsExactly(alsoOnFriday.id());
        });
    }

    /** Stores the alert and its group as intake would on Friday, then flushes the group at {@code flushAt}. */
    private GroupFlusher.FlushResult arriveAndFlush(Alert alert, Instant flushAt) {
        AlertLabels labels = AlertLabels.of(alert);
        RouteMatch match = router.route(labels, FRIDAY).get(0);
        assertThat(match.mutedBy()).isEmpty();
        return database.inTransaction(connection -> {
            alerts.insertAll(connection, List.of(new AlertRepository.NewAlert(alert, labels, true)), FRIDAY);
            groups.addAll(connection, List.of(new GroupRepository.Membership(match, alert)), FRIDAY);
            return flusher.flushDueAmong(connection, Set.of(GroupRepository.groupId(match)), flushAt);
        });
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
