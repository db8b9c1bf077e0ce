package io.vigil.notify.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.dispatch.DispatchConfig;
import io.vigil.notify.store.Database;
import io.vigil.notify.work.WorkLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;

/**
 * Moves committed ledger rows to Kafka: locks a batch of the publication queue, publishes its rows, waits for the
 * acks, takes them off the queue and commits. A crash between publishing and committing publishes the batch again
 * (at least once; consumers key on the delivery id).
 */
@ApplicationScoped
public class LedgerPublisher {

    private static final int BATCH = 500;

    private final Database database;
    private final LedgerRepository ledger;
    private final DeliveryPublisher publisher;
    private final Clock clock;
    private final java.time.Duration pollInterval;
    private WorkLoop loop;

    public LedgerPublisher(Database database, LedgerRepository ledger, DeliveryPublisher publisher, Clock clock,
            DispatchConfig dispatch) {
        this.database = database;
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
        this.pollInterval = dispatch.pollInterval();
    }

    void start(@Observes @Priority(StartupOrder.WORKERS) StartupEvent startup) {
        loop = WorkLoop.start("ledger-publisher", pollInterval, this::publishBatch);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Publishes soon: rows were just committed. */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    /** @return whether a full batch was published (more may wait) */
    boolean publishBatch() {
        return database.inTransaction(connection -> {
            List<LedgerEntry> entries = ledger.lockUnpublished(connection, BATCH, clock.instant());
            if (entries.isEmpty()) {
                return false;
            }
            publisher.publish(entries);
            ledger.markPublished(connection, entries);
            return entries.size() == BATCH;
        });
    }
}
