package io.vigil.notify.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.store.Database;
import io.vigil.notify.store.StoreException;
import io.vigil.notify.work.WorkLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;

/**
 * Gauges of what the ledger has not handed on yet. For the publication queue, so that a
 * {@code vigil.deliveries.v1} backlog (Kafka down, a producer stuck) shows before anyone misses the records:
 * {@code vigil.notify.publication.queued} (rows waiting, counted up to {@link #COUNT_LIMIT}) and
 * {@code vigil.notify.publication.head.age} (seconds the first of them has waited; it grows while publication is
 * stuck). For ledger readers: {@code vigil.notify.ledger.held.back}
 * (committed rows the ledger API does not show yet because an older transaction is still open; a figure that stays up
 * means a transaction is held open somewhere in the database). Read by a loop of its own every {@link #REFRESH}, not by
 * the publisher, whose loop is the one that stalls when Kafka does, nor at scrape time, which would put a query on
 * every scrape. All read NaN while PostgreSQL cannot be read: an old figure would pass for a current one.
 */
@ApplicationScoped
public class PublicationBacklogGauges {

    static final long COUNT_LIMIT = 1_000_000;
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final Database database;
    private final LedgerRepository ledger;
    private final Clock clock;
    // null until the first reading, and after a failed one
    private volatile PublicationBacklog last;
    private WorkLoop loop;

    public PublicationBacklogGauges(Database database, LedgerRepository ledger, MeterRegistry registry, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
        Gauge.builder("vigil.notify.publication.queued", this, PublicationBacklogGauges::queued)
                .description("Ledger rows waiting to be published to vigil.deliveries.v1 (counted up to "
                        + COUNT_LIMIT + ")")
                .register(registry);
        Gauge.builder("vigil.notify.publication.head.age", this, PublicationBacklogGauges::headAgeSeconds)
                .description("How long the first ledger row waiting for vigil.deliveries.v1 has waited")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("vigil.notify.ledger.held.back", this, PublicationBacklogGauges::heldBack)
                .description("Committed ledger rows the ledger API does not show yet, because an older transaction is"
                        + " still open (counted up to " + COUNT_LIMIT + ")")
                .register(registry);
    }

    void start(@Observes @Priority(StartupOrder.WORKERS) StartupEvent startup) {
        loop = WorkLoop.start("publication-backlog", REFRESH, this::refresh);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Reads the queue once; a failure leaves the gauges at NaN and is thrown on (the loop logs it). */
    boolean refresh() {
        try {
            last = database.inTransaction(connection -> ledger.publicationBacklog(connection, COUNT_LIMIT));
        } catch (StoreException e) {
            last = null;
            throw e;
        }
        return false;
    }

    double queued() {
        PublicationBacklog backlog = last;
        return backlog == null ? Double.NaN : backlog.queued();
    }

    double heldBack() {
        PublicationBacklog backlog = last;
        return backlog == null ? Double.NaN : backlog.heldBack();
    }

    double headAgeSeconds() {
        PublicationBacklog backlog = last;
        return backlog == null ? Double.NaN : backlog.headAge(clock.instant()).toMillis() / 1000.0;
    }
}
