package io.vigil.notify.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.notify.NotifyTestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 review, item 3: acknowledging and resolving look a fingerprint up through indexes (V5), not full scans of
 * {@code notification} and {@code group_member}. Sequential scans are disabled for the plan, so the test does not
 * depend on how few rows the tables hold.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class FingerprintLookupIndexesTest {

    @Inject
    Database database;

    @Test
    void shouldFindTheNotificationsOfAFingerprintThroughTheAlertIdsIndex() {
        // When
        String plan = plan("SELECT * FROM notification WHERE alert_ids && ARRAY(SELECT alert_id FROM alert"
                + " WHERE fingerprint = 'fp-x') ORDER BY created_at, notification_id");

        // Then
        assertThat(plan).contains("notification_alert_ids").doesNotContain("Seq Scan on notification");
    }

    @Test
    void shouldFindTheGroupMembershipsOfAFingerprintThroughTheFingerprintIndex() {
        // When
        String plan = plan("SELECT m.group_id FROM group_member m JOIN alert_group g ON g.group_id = m.group_id"
                + " WHERE m.fingerprint = 'fp-x' AND m.last_seen_at <= now() ORDER BY m.group_id FOR UPDATE OF g, m");

        // Then
        assertThat(plan).contains("group_member_fingerprint").doesNotContain("Seq Scan on group_member");
    }

    private String plan(String query) {
        return database.inTransaction(connection -> explain(connection, query));
    }

    private static String explain(Connection connection, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = off");
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
