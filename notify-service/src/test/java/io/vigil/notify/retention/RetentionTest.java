package io.vigil.notify.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.grouping.GroupRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.ledger.IntakeRecord;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.routing.RouteMatch;
import io.vigil.notify.routing.Router;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention removes what is older than the cutoff and nothing that something still needs. The old rows are dated
 * 1999, so the other tests' rows (of today) are never candidates, and every row that could wake a worker is due in
 * 2999.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class RetentionTest {

    private static final Instant LONG_AGO = Instant.parse("1999-06-01T10:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant FAR_AHEAD = Instant.parse("2999-01-01T00:00:00Z");

    @Inject
    Retention retention;

    @Inject
    RetentionRepository repository;

    @Inject
    Database database;

    @Inject
    AlertRepository alerts;

    @Inject
    NotificationRepository notifications;

    @Inject
    GroupRepository groups;

    @Inject
    LedgerRepository ledger;

    @Inject
    Router router;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Test
    void removesStateOlderThanTheCutoffButKeepsWhatANotificationAMemberOrAnAcknowledgementStillNeeds() {
        // Given: old alerts in every situation
        Alert forgotten = alert("gate");
        Alert delivered = alert("gate");
        Alert deadLettered = alert("gate");
        Alert pending = alert("gate");
        Alert notifiedMember = alert("gate");
        Alert waitingMember = alert("held");
        Alert acknowledged = alert("gate");
        String silenceEnded = "silence-" + UUID.randomUUID();
        String silenceNotEnded = "silence-" + UUID.randomUUID();
        double alertsRemovedBefore = removedCount("alert");
        database.inTransaction(connection -> {
            for (Alert alert : List.of(forgotten, delivered, deadLettered, pending, notifiedMember, waitingMember,
                    acknowledged)) {
                alerts.insertAll(connection, List.of(new AlertRepository.NewAlert(alert, AlertLabels.of(alert),
                        true)), LONG_AGO);
            }
            ledger.record(connection, List.of(IntakeRecord.queued(forgotten, "root.5", "webhook-gate", "webhook",
                    null, "old", LONG_AGO)));
            notification(connection, delivered, "DELIVERED");
            notification(connection, deadLettered, "DEAD_LETTERED");
            notification(connection, pending, "PENDING");
            join(connection, notifiedMember);
            join(connection, waitingMember);
            execute(connection, "UPDATE alert_group SET next_flush_at = ? WHERE group_id = ?", FAR_AHEAD,
                    groupOf(waitingMember));
            execute(connection, "INSERT INTO acknowledgement (fingerprint, alert_id, acknowledged_by,"
                    + " acknowledged_at) VALUES (?, ?, 'alice', ?)", acknowledged.fingerprint(), acknowledged.id(),
                    LONG_AGO);
            // (the one not ended starts in 2998: an active silence without matchers would silence the other tests)
            for (String silence : List.of(silenceEnded, silenceNotEnded)) {
                boolean ended = silence.equals(silenceEnded);
                execute(connection, "INSERT INTO silence (silence_id, matchers, starts_at, ends_at, created_by,"
                        + " comment, created_at) VALUES (?, '[]'::jsonb, ?, ?, 'alice', 'test', ?)", silence,
                        ended ? LONG_AGO : FAR_AHEAD.minus(Duration.ofDays(365)),
                        ended ? LONG_AGO.plusSeconds(60) : FAR_AHEAD, LONG_AGO);
            }
            return null;
        });

        try {
            thenRetentionRemovesWhatNothingNeeds(forgotten, delivered, deadLettered, pending, notifiedMember,
                    waitingMember, acknowledged, silenceEnded, silenceNotEnded, alertsRemovedBefore);
        } finally {
            // what it kept would show in the other tests' listings (dead letters, silences)
            database.inTransaction(connection -> {
                List<String> kept = List.of(deadLettered.id(), pending.id(), waitingMember.id(), acknowledged.id());
                execute(connection, "DELETE FROM notification WHERE alert_ids && ?::text[]",
                        connection.createArrayOf("text", kept.toArray()));
                execute(connection, "DELETE FROM group_member WHERE alert_id = ?", waitingMember.id());
                execute(connection, "DELETE FROM alert_group WHERE group_id = ?", groupOf(waitingMember));
                execute(connection, "DELETE FROM acknowledgement WHERE alert_id = ?", acknowledged.id());
                execute(connection, "DELETE FROM alert WHERE alert_id = ANY (?)",
                        connection.createArrayOf("text", kept.toArray()));
                execute(connection, "DELETE FROM silence WHERE silence_id = ?", silenceNotEnded);
                return null;
            });
        }
    }

    private void thenRetentionRemovesWhatNothingNeeds(Alert forgotten, Alert delivered, Alert deadLettered,
            Alert pending, Alert notifiedMember, Alert waitingMember, Alert acknowledged, String silenceEnded,
            String silenceNotEnded, double alertsRemovedBefore) {
        // When
        Map<String, Integer> removed = retention.removeOlderThan(CUTOFF);

        // Then: gone
        assertThat(count("SELECT count(*) FROM alert WHERE alert_id = ANY (?)", forgotten.id(), delivered.id(),
                notifiedMember.id())).isZero();
        assertThat(count("SELECT count(*) FROM delivery_attempt WHERE alert_id = ?", forgotten.id())).isZero();
        assertThat(count("SELECT count(*) FROM notification WHERE ? = ANY (alert_ids)", delivered.id())).isZero();
        assertThat(count("SELECT count(*) FROM group_member WHERE alert_id = ?", notifiedMember.id())).isZero();
        assertThat(count("SELECT count(*) FROM alert_group WHERE group_id = ?", groupOf(notifiedMember)))
                .as("the group it left empty").isZero();
        assertThat(count("SELECT count(*) FROM silence WHERE silence_id = ?", silenceEnded)).isZero();
        // kept
        assertThat(count("SELECT count(*) FROM alert WHERE alert_id = ANY (?)", deadLettered.id(), pending.id(),
                waitingMember.id(), acknowledged.id())).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM notification WHERE alert_ids && ?::text[]", deadLettered.id(),
                pending.id())).as("the dead letter, still replayable, and the pending notification").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM group_member WHERE alert_id = ?", waitingMember.id()))
                .as("a member not notified yet").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM acknowledgement WHERE alert_id = ?", acknowledged.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM silence WHERE silence_id = ?", silenceNotEnded)).isEqualTo(1);
        // counted
        assertThat(removed).containsEntry("alert", 3).containsEntry("notification", 1)
                .containsEntry("group_member", 1).containsEntry("alert_group", 1).containsEntry("silence", 1);
        assertThat(removed.get("delivery_attempt")).isGreaterThanOrEqualTo(1);
        assertThat(removedCount("alert") - alertsRemovedBefore).isEqualTo(3);
    }

    @Test
    void retentionTurnedOnRemovesOldRowsInTheBackgroundEveryCheckInterval() {
        // Given: keep reaching back to 2000, so that only the 1999 rows are older
        Alert old = alert("gate");
        database.inTransaction(connection -> {
            alerts.insertAll(connection, List.of(new AlertRepository.NewAlert(old, AlertLabels.of(old), true)),
                    LONG_AGO);
            return null;
        });
        Duration keep = Duration.between(CUTOFF, clock.instant());
        Retention running = new Retention(database, repository, new RetentionConfig() {
            @Override
            public Optional<Duration> keep() {
                return Optional.of(keep);
            }

            @Override
            public Duration checkInterval() {
                return Duration.ofMillis(100);
            }

            @Override
            public int batchSize() {
                return 1000;
            }
        }, router, registry, clock);

        // When
        running.start(null);

        // Then
        try {
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> count("SELECT count(*) FROM alert WHERE alert_id = ?", old.id()) == 0);
            assertThat(registry.get("vigil.notify.retention.pass").timer().count()).as("passes timed").isPositive();
        } finally {
            running.stop(null);
        }
    }

    @Test
    void ledgerRowStillToBePublishedIsKeptUntilItIsPublished() {
        database.inTransaction(connection -> {
            // Given: an old attempt queued for publication (in this transaction only: the publisher never sees it)
            long seq;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO delivery_attempt (delivery_id,"
                    + " alert_id, receiver, receiver_kind, attempt, status, attempted_at, latency_ms)"
                    + " VALUES (?, 'alert-old', 'webhook-gate', 'webhook', 1, 'DELIVERED', ?, 5) RETURNING seq")) {
                insert.setString(1, "delivery-" + UUID.randomUUID());
                Database.setInstant(insert, 2, LONG_AGO);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    seq = rows.getLong(1);
                }
            }
            execute(connection, "INSERT INTO delivery_publication VALUES (?)", seq);

            // When / Then
            repository.ledgerRows(connection, CUTOFF, 1_000_000);
            assertThat(countIn(connection, seq)).as("still to be published").isEqualTo(1);
            execute(connection, "DELETE FROM delivery_publication WHERE seq = ?", seq);
            repository.ledgerRows(connection, CUTOFF, 1_000_000);
            assertThat(countIn(connection, seq)).as("published").isZero();
            connection.rollback();
            return null;
        });
    }

    @Test
    void keepShorterThanARoutesRepeatIntervalIsRefusedNamingTheRoute() {
        assertThatThrownBy(() -> Retention.check(Duration.ofHours(1), 1000, router))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vigil.notify.retention.keep (PT1H) must be longer than the longest"
                        + " repeat_interval, PT4H on route root");
        assertThatThrownBy(() -> Retention.check(Duration.ZERO, 1000, router))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Retention.check(Duration.ofDays(400), 0, router))
                .hasMessageContaining("batch-size must be at least 1");
        Retention.check(Duration.ofDays(400), 1000, router);
    }

    private void notification(Connection connection, Alert alert, String status) throws SQLException {
        String id = "notification-" + UUID.randomUUID();
        notifications.insertAll(connection, List.of(new NotificationRepository.NewNotification(id, null, "{}",
                "webhook-gate", NotificationAction.FIRING, List.of(alert.id()), null, 3)), LONG_AGO);
        execute(connection, "UPDATE notification SET status = ?, next_attempt_at = ?, updated_at = ?"
                + " WHERE notification_id = ?", status, FAR_AHEAD, LONG_AGO, id);
    }

    private void join(Connection connection, Alert alert) throws SQLException {
        RouteMatch match = router.route(AlertLabels.of(alert), LONG_AGO).get(0);
        groups.addAll(connection, List.of(new GroupRepository.Membership(match, alert)), LONG_AGO);
    }

    private String groupOf(Alert alert) {
        return GroupRepository.groupId(router.route(AlertLabels.of(alert), LONG_AGO).get(0));
    }

    private double removedCount(String table) {
        var counter = registry.find("vigil.notify.retention.removed").tag("table", table).counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String sql, Object... parameters) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (sql.contains("ANY (?)") || sql.contains("?::text[]")) {
                    select.setArray(1, connection.createArrayOf("text", parameters));
                } else {
                    bind(select, parameters);
                }
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private static long countIn(Connection connection, long seq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM delivery_attempt"
                + " WHERE seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Instant instant) {
                Database.setInstant(statement, i + 1, instant);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }

    private static Alert alert(String tag) {
        return TestAlerts.alert("fp-" + UUID.randomUUID(), Severity.HIGH, TestAlerts.RULE_ID,
                "71" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L), List.of(tag));
    }
}
