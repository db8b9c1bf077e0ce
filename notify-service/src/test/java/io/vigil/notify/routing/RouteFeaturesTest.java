package io.vigil.notify.routing;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.grouping.GroupFlusher;
import io.vigil.notify.grouping.GroupRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Routing features in the running service: {@code control} matchers (routes root.13 and root.15) and
 * {@code active_time_intervals} (route root.14, active only on weekends).
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class RouteFeaturesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant SATURDAY = Instant.parse("2026-11-21T12:00:00Z");

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
    void alertWithACisControlTakesTheControlRouteAndOneWithoutAnyCisControlTheNegatedOne() {
        // Given
        Alert cis = TestAlerts.withControls("controlled", List.of("SecurityHub:CloudWatch.5", "CIS-AWS-1.2:3.5"));
        Alert other = TestAlerts.withControls("controlled", List.of("SecurityHub:IAM.1"));

        // When
        NotifyTestClients.publishAll(bootstrapServers, List.of(cis, other));

        // Then
        awaitRequests("/gate", cis.id(), 1, WAIT);
        awaitRequests("/narrow", other.id(), 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(other.id()).<String>getList(
                "items.delivery.outcome")).contains("DELIVERED"));
        assertThat(requestsMentioning("/narrow", cis.id())).isEmpty();
        assertThat(requestsMentioning("/gate", other.id())).isEmpty();
        assertThat(ledger(cis.id()).<String>getList("items.delivery.receiver")).containsOnly("webhook-gate");
        assertThat(ledger(other.id()).<String>getList("items.delivery.receiver")).containsOnly("webhook-narrow");
    }

    @Test
    void alertOnARouteWithActiveTimeIntervalsIsSuppressedWhenItsGroupIsDueOutsideThemAndQueuedInside() {
        // Given: two alerts arrived on a Saturday (route weekends-only: group_wait 1h, active on weekends); their
        // groups are flushed here at chosen times, inside the transaction that created them
        Alert dueOnMonday = TestAlerts.tagged("weekends-only", io.vigil.contract.Severity.HIGH, "720000000001");
        Alert dueOnSaturday = TestAlerts.tagged("weekends-only", io.vigil.contract.Severity.HIGH, "720000000002");

        // When
        GroupFlusher.FlushResult monday = arriveAndFlush(dueOnMonday, Instant.parse("2026-11-23T12:00:00Z"));
        GroupFlusher.FlushResult saturday = arriveAndFlush(dueOnSaturday, SATURDAY.plus(Duration.ofMinutes(90)));

        // Then
        assertThat(monday.queued()).isEmpty();
        assertThat(monday.suppressed()).isEqualTo(1);
        JsonPath ledger = ledger(dueOnMonday.id());
        assertThat(ledger.<String>getList("items.delivery.outcome")).containsExactly("SUPPRESSED");
        assertThat(ledger.getString("items[0].delivery.error"))
                .isEqualTo("route root.14 muted by outside active_time_intervals [weekend]");
        assertThat(saturday.suppressed()).isZero();
        assertThat(saturday.queued()).singleElement().satisfies(notification -> {
            assertThat(notification.receiver()).isEqualTo("webhook-gate");
            assertThat(notification.alertIds()).containsExactly(dueOnSaturday.id());
        });
    }

    private GroupFlusher.FlushResult arriveAndFlush(Alert alert, Instant flushAt) {
        AlertLabels labels = AlertLabels.of(alert);
        RouteMatch match = router.route(labels, SATURDAY).get(0);
        assertThat(match.route().path()).isEqualTo("root.14");
        assertThat(match.mutedBy()).isEmpty();
        return database.inTransaction(connection -> {
            alerts.insertAll(connection, List.of(new AlertRepository.NewAlert(alert, labels, true)), SATURDAY);
            groups.addAll(connection, List.of(new GroupRepository.Membership(match, alert)), SATURDAY);
            return flusher.flushDueAmong(connection, Set.of(GroupRepository.groupId(match)), flushAt);
        });
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
