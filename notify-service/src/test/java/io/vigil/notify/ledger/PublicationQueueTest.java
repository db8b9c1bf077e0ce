package io.vigil.notify.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.notify.NotifyTestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, point 7: ledger rows wait for {@code vigil.deliveries.v1} in a queue of their seq (V6), filled by the
 * statement that records them; publishing empties it and leaves the ledger as it was. Runs in one transaction that
 * is rolled back, so the service's own publisher never sees these rows.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class PublicationQueueTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerRepository ledger;

    @Test
    void shouldQueueDeliveryAttemptsButNotIntakeRowsAndEmptyTheQueueOncePublished() throws SQLException {
        String alertId = "alert-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // Given a queued, an unrouted, a delivered and a dead-lettered row of one alert
                ledger.record(connection, List.of(delivery(alertId, DeliveryOutcome.QUEUED),
                        delivery(alertId, DeliveryOutcome.UNROUTED), delivery(alertId, DeliveryOutcome.DELIVERED),
                        delivery(alertId, DeliveryOutcome.DEAD_LETTERED)));

                // When the publisher takes the queue
                // (rows of other tests that the service has not published yet may be queued too)
                List<LedgerEntry> locked = ledger.lockUnpublished(connection, 500, Instant.now()).stream()
                        .filter(entry -> entry.delivery().alertId().equals(alertId)).toList();
                List<String> queuedStatuses = statuses(connection, alertId, true);
                ledger.markPublished(connection, locked);

                // Then only the attempts were queued, and once published the queue is empty and the ledger whole
                assertThat(locked).extracting(entry -> entry.delivery().outcome())
                        .containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DEAD_LETTERED);
                assertThat(queuedStatuses).containsExactly("DELIVERED", "DEAD_LETTERED");
                assertThat(statuses(connection, alertId, true)).isEmpty();
                assertThat(statuses(connection, alertId, false))
                        .containsExactly("QUEUED", "UNROUTED", "DELIVERED", "DEAD_LETTERED");
            } finally {
                connection.rollback();
            }
        }
    }

    private static Delivery delivery(String alertId, DeliveryOutcome outcome) {
        Instant now = Instant.now();
        return new Delivery(Delivery.SCHEMA_VERSION, "delivery-" + UUID.randomUUID(), now, alertId, "fp-queue-test",
                "rule-queue-test", "webhook-queue-test", "webhook", 1, outcome, now, 0, null, null, null, null);
    }

    /** @return the statuses of the alert's ledger rows, in seq order; only those queued for publication if asked */
    private static List<String> statuses(Connection connection, String alertId, boolean queuedOnly)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT status FROM delivery_attempt a WHERE"
                + " alert_id = ?" + (queuedOnly
                        ? " AND EXISTS (SELECT 1 FROM delivery_publication p"
                                + " WHERE p.seq = a.seq)"
                        : "")
                + " ORDER BY seq")) {
            select.setString(1, alertId);
            List<String> statuses = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
            return statuses;
        }
    }
}
