package io.vigil.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, point 8 (throughput): a claim reads only the rows it can take (V6). Rows in flight are not in the index of
 * due rows, so a claim does not walk past them; expired leases are found through their own index. Sequential scans
 * are disabled for the plans, so the test does not depend on how few rows the table holds.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class OutboxIndexesTest {

    @Inject
    Database database;

    @Inject
    DataSource dataSource;

    @Inject
    NotificationRepository notifications;

    @Test
    void shouldClaimRowsNobodyHoldsWithoutReadingTheRowsInFlight() throws SQLException {
        // Given 40 notifications in flight (claimed by intake, lease running) and one due, in a transaction rolled
        // back at the end
        Instant now = Instant.now();
        String plan;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<NotificationRepository.NewNotification> inFlight = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    inFlight.add(notification("in-flight-" + i + "-" + UUID.randomUUID()));
                }
                notifications.insertClaimed(connection, inFlight, now.minusSeconds(1), now.plusSeconds(300));
                notifications.insertAll(connection, List.of(notification("due-" + UUID.randomUUID())),
                        now.minusSeconds(1));

                // When the claim runs (analysed: executed, with the rows each step read)
                plan = explain(connection, "EXPLAIN (ANALYZE) "
                        + NotificationRepository.claimStatement(NotificationRepository.Claimable.UNLEASED), CLAIM);
            } finally {
                connection.rollback();
            }
        }

        // Then it read the due row through its index and none of the 40 rows in flight (rows another test left
        // waiting for a pending notification may be filtered out; the rows in flight alone would be 40)
        assertThat(plan).contains("Index Scan using notification_due");
        assertThat(rowsRemovedByFilter(plan)).isLessThan(40);
    }

    private static int rowsRemovedByFilter(String plan) {
        Matcher removed = Pattern.compile("Rows Removed by Filter: (\\d+)").matcher(plan);
        int total = 0;
        while (removed.find()) {
            total += Integer.parseInt(removed.group(1));
        }
        return total;
    }

    private static NotificationRepository.NewNotification notification(String id) {
        return new NotificationRepository.NewNotification(id, null, "{}", "index-test-receiver",
                NotificationAction.FIRING, List.of("alert-" + id), null, 3);
    }

    @Test
    void shouldClaimExpiredLeasesThroughTheIndexOfLeasedRows() {
        // When
        String plan = plan(NotificationRepository.claimStatement(NotificationRepository.Claimable.EXPIRED_LEASES),
                CLAIM);

        // Then
        assertThat(plan).contains("Index Scan using notification_leased")
                .doesNotContain("Seq Scan on notification c");
    }

    @Test
    void shouldFindExhaustedInterruptedAttemptsThroughTheIndexOfLeasedRows() {
        // When
        String plan = plan(NotificationRepository.DEAD_LETTER_INTERRUPTED, DEAD_LETTER);

        // Then
        assertThat(plan).contains("notification_leased").doesNotContain("Seq Scan on notification");
    }

    /** Binds the parameters of one kind of statement. */
    private interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** A claim's: now, the blocked receivers, the limit, the lease end, now. */
    private static final Parameters CLAIM = statement -> {
        Instant now = Instant.now();
        statement.setObject(1, now.atOffset(ZoneOffset.UTC));
        statement.setArray(2, statement.getConnection().createArrayOf("text", new String[]{"blocked"}));
        statement.setInt(3, 10);
        statement.setObject(4, now.plusSeconds(60).atOffset(ZoneOffset.UTC));
        statement.setObject(5, now.atOffset(ZoneOffset.UTC));
    };

    /** The dead-letter probe's: now, now, the limit. */
    private static final Parameters DEAD_LETTER = statement -> {
        Instant now = Instant.now();
        statement.setObject(1, now.atOffset(ZoneOffset.UTC));
        statement.setObject(2, now.atOffset(ZoneOffset.UTC));
        statement.setInt(3, 10);
    };

    private String plan(String statement, Parameters parameters) {
        return database.inTransaction(connection -> explain(connection, "EXPLAIN " + statement, parameters));
    }

    private static String explain(Connection connection, String explainStatement, Parameters parameters)
            throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL enable_seqscan = off");
        }
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement explain = connection.prepareStatement(explainStatement)) {
            parameters.bind(explain);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
