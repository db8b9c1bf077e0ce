package io.vigil.notify.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.notify.store.Database;
import io.vigil.notify.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The publication queue's gauges read what waits for {@code vigil.deliveries.v1}. Runs on a database of its own,
 * migrated by the service's Flyway scripts, so that no publisher empties the queue while the test reads it.
 */
class PublicationBacklogGaugesTest {

    private static final Instant ATTEMPTED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant NOW = ATTEMPTED.plusSeconds(90);

    private final LedgerRepository ledger = new LedgerRepository();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private Database database;
    private PublicationBacklogGauges gauges;

    @BeforeEach
    void migrateAFreshDatabase() {
        database = FreshDatabase.migrated("notify_backlog_").database();
        gauges = new PublicationBacklogGauges(database, ledger, registry, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void shouldCountTheQueuedAttemptsAndAgeTheFirstUntilTheyArePublished() {
        // Given three attempts recorded (the first 90 s ago) and an intake row, which is never queued
        database.inTransaction(connection -> {
            ledger.record(connection, List.of(delivery(DeliveryOutcome.QUEUED, ATTEMPTED),
                    delivery(DeliveryOutcome.DELIVERED, ATTEMPTED), delivery(DeliveryOutcome.FAILED, ATTEMPTED),
                    delivery(DeliveryOutcome.DEAD_LETTERED, ATTEMPTED.plusSeconds(30))));
            return null;
        });

        // When the gauges are read
        gauges.refresh();

        // Then they show the three attempts and the first one's wait
        assertThat(gauge("vigil.notify.publication.queued")).isEqualTo(3.0);
        assertThat(gauge("vigil.notify.publication.head.age")).isEqualTo(90.0);

        // When the first two are published
        publishFirst(2);
        gauges.refresh();

        // Then the last one waits, since 30 s later
        assertThat(gauge("vigil.notify.publication.queued")).isEqualTo(1.0);
        assertThat(gauge("vigil.notify.publication.head.age")).isEqualTo(60.0);

        // When it is published too, the queue reads empty
        publishFirst(1);
        gauges.refresh();
        assertThat(gauge("vigil.notify.publication.queued")).isZero();
        assertThat(gauge("vigil.notify.publication.head.age")).isZero();
    }

    @Test
    void shouldCountTheLedgerRowsAnOpenOlderTransactionHoldsBackFromReadersUntilItEnds() throws Exception {
        FreshDatabase fresh = FreshDatabase.migrated("notify_held_back_");
        MeterRegistry heldRegistry = new SimpleMeterRegistry();
        PublicationBacklogGauges held = new PublicationBacklogGauges(fresh.database(), ledger, heldRegistry,
                Clock.fixed(NOW, ZoneOffset.UTC));
        try (java.sql.Connection holder = fresh.dataSource().getConnection()) {
            // Given a transaction that took an id and stays open (as a stuck session would)
            holder.setAutoCommit(false);
            try (var statement = holder.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()");
            }
            // and two attempts committed after it
            fresh.database().inTransaction(connection -> {
                ledger.record(connection, List.of(delivery(DeliveryOutcome.DELIVERED, ATTEMPTED),
                        delivery(DeliveryOutcome.FAILED, ATTEMPTED)));
                return null;
            });

            // When the gauges are read, then both rows are held back from the ledger API
            held.refresh();
            assertThat(heldRegistry.get("vigil.notify.ledger.held.back").gauge().value()).isEqualTo(2.0);
            List<LedgerEntry> visible = fresh.database().inTransaction(connection -> ledger.find(connection,
                    new LedgerQuery(null, null, null, null, null, null, LedgerCursor.START, 10), NOW));
            assertThat(visible).isEmpty();

            // When the old transaction ends, then nothing is held back
            holder.rollback();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            held.refresh();
            assertThat(heldRegistry.get("vigil.notify.ledger.held.back").gauge().value()).isZero();
        });
    }

    @Test
    void shouldCountNoFurtherThanTheLimit() {
        database.inTransaction(connection -> {
            ledger.record(connection, List.of(delivery(DeliveryOutcome.DELIVERED, ATTEMPTED),
                    delivery(DeliveryOutcome.DELIVERED, ATTEMPTED), delivery(DeliveryOutcome.DELIVERED, ATTEMPTED)));
            return null;
        });

        PublicationBacklog backlog = database.inTransaction(connection -> ledger.publicationBacklog(connection, 2));

        assertThat(backlog.queued()).isEqualTo(2);
        assertThat(backlog.headAttemptedAt()).isEqualTo(ATTEMPTED);
    }

    @Test
    void shouldReadNaNWhilePostgresCannotBeRead() {
        // Given gauges that read the queue once
        gauges.refresh();
        assertThat(gauge("vigil.notify.publication.queued")).isZero();

        // When PostgreSQL cannot be reached (nothing listens on the port)
        MeterRegistry unreachableRegistry = new SimpleMeterRegistry();
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/none");
        unreachable.setConnectTimeout(2);
        PublicationBacklogGauges failing = new PublicationBacklogGauges(new Database(unreachable), ledger,
                unreachableRegistry, Clock.fixed(NOW, ZoneOffset.UTC));

        // Then the reading fails and the gauges show no figure rather than an old one
        assertThatThrownBy(failing::refresh).isInstanceOf(StoreException.class);
        assertThat(unreachableRegistry.get("vigil.notify.publication.queued").gauge().value()).isNaN();
        assertThat(unreachableRegistry.get("vigil.notify.publication.head.age").gauge().value()).isNaN();
        assertThat(unreachableRegistry.get("vigil.notify.ledger.held.back").gauge().value()).isNaN();
    }

    private void publishFirst(int rows) {
        database.inTransaction(connection -> {
            List<LedgerEntry> batch = ledger.lockUnpublished(connection, rows, NOW);
            ledger.markPublished(connection, batch);
            return null;
        });
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static Delivery delivery(DeliveryOutcome outcome, Instant attemptedAt) {
        return new Delivery(Delivery.SCHEMA_VERSION, "delivery-" + UUID.randomUUID(), attemptedAt,
                "alert-" + UUID.randomUUID(), "fp-backlog-test", "rule-backlog-test", "webhook-backlog-test",
                "webhook", 1, outcome, attemptedAt, 0, null, null, null, null);
    }
}
