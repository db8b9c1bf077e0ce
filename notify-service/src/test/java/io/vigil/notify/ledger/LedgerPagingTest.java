package io.vigil.notify.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.notify.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A walk over the ledger by cursor returns every row exactly once while transactions that record rows commit in
 * another order than they inserted them. Runs on a database of its own, so the only writers are the test's.
 */
class LedgerPagingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final LedgerRepository ledger = new LedgerRepository();
    private FreshDatabase fresh;

    @BeforeEach
    void migrateAFreshDatabase() {
        fresh = FreshDatabase.migrated("notify_paging_");
    }

    @Test
    void shouldNotPassARowWhoseTransactionCommitsAfterALaterRowsDid() throws SQLException {
        Delivery early = delivery("early");
        Delivery late = delivery("late");
        List<String> walked = new ArrayList<>();
        LedgerCursor cursor = LedgerCursor.START;
        try (Connection slow = fresh.dataSource().getConnection()) {
            // Given a row inserted by a transaction still open, and a row inserted after it by one that committed
            slow.setAutoCommit(false);
            ledger.record(slow, List.of(early));
            record(List.of(late));
            assertThat(seqOf(slow, late)).isGreaterThan(seqOf(slow, early));

            // When a client reads a page now
            cursor = walk(cursor, 10, walked);

            // Then the committed row is held back: showing it would move the cursor past the open row
            assertThat(walked).isEmpty();

            // When the open transaction commits and the client goes on from its cursor
            slow.commit();
        }
        walk(cursor, 10, walked);

        // Then it gets both rows, once each
        assertThat(walked).containsExactly(early.id(), late.id());
    }

    @Test
    void shouldWalkRowsOfATransactionThatTookItsIdFirstBeforeRowsInsertedEarlierByANewerOne() throws SQLException {
        Delivery first = delivery("first");
        Delivery second = delivery("second");
        List<String> walked = new ArrayList<>();
        LedgerCursor cursor = LedgerCursor.START;
        try (Connection older = fresh.dataSource().getConnection()) {
            // Given a transaction that has its id (it wrote something else) but has not recorded its row yet
            older.setAutoCommit(false);
            try (Statement statement = older.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()");
            }
            // and a newer transaction that records and commits a row (the smaller seq)
            record(List.of(second));
            ledger.record(older, List.of(first));
            assertThat(seqOf(older, second)).isLessThan(seqOf(older, first));
            cursor = walk(cursor, 10, walked);
            assertThat(walked).isEmpty();
            older.commit();
        }

        // When the client goes on one row per page
        walk(cursor, 1, walked);

        // Then the older transaction's row comes first, and nothing is returned twice
        assertThat(walked).containsExactly(first.id(), second.id());
    }

    @Test
    void shouldPageThroughRowsOfOneTransactionAndOfTheNext() {
        // Given five rows recorded by two transactions
        List<Delivery> rows = List.of(delivery("a"), delivery("b"), delivery("c"), delivery("d"), delivery("e"));
        record(rows.subList(0, 3));
        record(rows.subList(3, 5));

        // When walked two rows per page
        List<String> walked = new ArrayList<>();
        LedgerCursor end = walk(LedgerCursor.START, 2, walked);

        // Then every row comes once, in order, and the end cursor is the last row's
        assertThat(walked).containsExactlyElementsOf(rows.stream().map(Delivery::id).toList());
        assertThat(end.seq()).isEqualTo(database().inTransaction(connection -> seqOf(connection, rows.get(4))));
        assertThat(LedgerCursor.parse(end.text())).isEqualTo(end);
    }

    @Test
    void shouldRefuseTextThatIsNotACursor() {
        assertThatThrownBy(() -> LedgerCursor.parse("42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'42' is not a ledger cursor");
        assertThatThrownBy(() -> LedgerCursor.parse("1-x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerCursor.parse("-1-2")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads pages from {@code cursor} until one is not full, collecting delivery ids. @return the last cursor */
    private LedgerCursor walk(LedgerCursor cursor, int pageSize, List<String> walked) {
        LedgerCursor position = cursor;
        List<LedgerEntry> page;
        do {
            LedgerQuery query = new LedgerQuery(null, null, null, null, null, null, position, pageSize);
            page = database().inTransaction(connection -> ledger.find(connection, query, NOW));
            for (LedgerEntry entry : page) {
                walked.add(entry.delivery().id());
                position = entry.position();
            }
        } while (page.size() == pageSize);
        return position;
    }

    private void record(List<Delivery> deliveries) {
        database().inTransaction(connection -> {
            ledger.record(connection, deliveries);
            return null;
        });
    }

    /** @return the row's seq, read through a connection that sees it (its own transaction's, if not committed) */
    private static long seqOf(Connection connection, Delivery delivery) throws SQLException {
        try (var select = connection.prepareStatement("SELECT seq FROM delivery_attempt WHERE delivery_id = ?")) {
            select.setString(1, delivery.id());
            try (var rows = select.executeQuery()) {
                assertThat(rows.next()).as("row %s is visible", delivery.id()).isTrue();
                return rows.getLong(1);
            }
        }
    }

    private Database database() {
        return fresh.database();
    }

    private static Delivery delivery(String name) {
        return new Delivery(Delivery.SCHEMA_VERSION, "delivery-" + name + "-" + UUID.randomUUID(), NOW,
                "alert-paging-test", "fp-paging-test", "rule-paging-test", "webhook-paging-test", "webhook", 1,
                DeliveryOutcome.DELIVERED, NOW, 0, null, null, null, null);
    }
}
