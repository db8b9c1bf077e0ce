package io.vigil.notify.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.routing.RouteNode;
import io.vigil.notify.routing.Router;
import io.vigil.notify.store.Database;
import io.vigil.notify.work.WorkLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Removes state older than {@code vigil.notify.retention.keep}, every {@code check-interval}, in transactions of at
 * most {@code batch-size} rows per table, in an order that frees rows for the next step: ledger rows, delivered
 * notifications, notified group members (and the groups they leave empty), then the alerts nothing refers to any more,
 * and ended silences. Counted as {@code vigil.notify.retention.removed{table}}, each pass timed as
 * {@code vigil.notify.retention.pass}. Without {@code keep}, nothing runs.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOGGER = Logger.getLogger(Retention.class);

    private final Database database;
    private final RetentionRepository repository;
    private final RetentionConfig config;
    private final Router router;
    private final MeterRegistry registry;
    private final Clock clock;
    private WorkLoop loop;

    public Retention(Database database, RetentionRepository repository, RetentionConfig config, Router router,
            MeterRegistry registry, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.config = config;
        this.router = router;
        this.registry = registry;
        this.clock = clock;
    }

    void start(@Observes @Priority(StartupOrder.WORKERS) StartupEvent startup) {
        Optional<Duration> keep = config.keep();
        if (keep.isEmpty()) {
            LOGGER.info("Retention off: vigil.notify.retention.keep is not set, state is kept forever");
            return;
        }
        check(keep.get(), config.batchSize(), router);
        LOGGER.infof("Retention on: state older than %s is removed every %s", keep.get(), config.checkInterval());
        // each pass drains what is due, so the loop waits for the next interval after it; the timer shows that
        // passes run (its count) and how long they take, also when they find nothing to remove
        Timer passes = Timer.builder("vigil.notify.retention.pass")
                .description("Retention passes over notify-service's state, and how long each took").register(registry);
        loop = WorkLoop.start("retention", config.checkInterval(), () -> {
            passes.record(() -> removeOlderThan(clock.instant().minus(keep.get())));
            return false;
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.close();
        }
    }

    /**
     * Refuses settings that would remove what a route still needs: a group member removed before its
     * {@code repeat_interval} ran out would fire again as new instead of being held as a repeat.
     *
     * @throws IllegalStateException naming the setting and the route
     */
    static void check(Duration keep, int batchSize, Router router) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalStateException("vigil.notify.retention.keep must be positive, was " + keep);
        }
        if (batchSize < 1) {
            throw new IllegalStateException("vigil.notify.retention.batch-size must be at least 1, was " + batchSize);
        }
        router.routing().routes().stream().max(Comparator.comparing(RouteNode::repeatInterval))
                .filter(route -> route.repeatInterval().compareTo(keep) >= 0)
                .ifPresent(route -> {
                    throw new IllegalStateException("vigil.notify.retention.keep (" + keep + ") must be longer than"
                            + " the longest repeat_interval, " + route.repeatInterval() + " on route " + route.path()
                            + " (line " + route.line() + ")");
                });
    }

    /**
     * Removes, batch after batch, what is older than the cutoff and no longer needed; each step goes on until a batch
     * is not full.
     *
     * @return rows removed per table
     */
    public Map<String, Integer> removeOlderThan(Instant cutoff) {
        int limit = config.batchSize();
        Map<String, Integer> removed = new LinkedHashMap<>();
        drain(removed, () -> {
            int rows = database.inTransaction(c -> repository.ledgerRows(c, cutoff, limit));
            return new Batch(Map.of("delivery_attempt", rows), rows >= limit);
        });
        drain(removed, () -> {
            int rows = database.inTransaction(c -> repository.deliveredNotifications(c, cutoff, limit));
            return new Batch(Map.of("notification", rows), rows >= limit);
        });
        drain(removed, () -> {
            RetentionRepository.RemovedMembers rows = database.inTransaction(
                    c -> repository.groupMembers(c, cutoff, limit));
            // every candidate group loses a member or is removed, unless another transaction changed it meanwhile
            return new Batch(Map.of("group_member", rows.members(), "alert_group", rows.groups()),
                    rows.candidateGroups() >= limit && rows.members() + rows.groups() > 0);
        });
        drain(removed, () -> {
            int rows = database.inTransaction(c -> repository.alerts(c, cutoff, limit));
            return new Batch(Map.of("alert", rows), rows >= limit);
        });
        drain(removed, () -> {
            int rows = database.inTransaction(c -> repository.endedSilences(c, cutoff, limit));
            return new Batch(Map.of("silence", rows), rows >= limit);
        });
        removed.forEach((table, rows) -> {
            if (rows > 0) {
                LOGGER.infof("Retention removed rows older than %s: table=%s rows=%d", cutoff, table, rows);
            }
        });
        return removed;
    }

    /** What one transaction of a step removed, per table, and whether it was full (more may be left). */
    private record Batch(Map<String, Integer> rows, boolean full) {
    }

    private void drain(Map<String, Integer> removed, Supplier<Batch> step) {
        Batch batch;
        do {
            batch = step.get();
            batch.rows().forEach((table, rows) -> {
                removed.merge(table, rows, Integer::sum);
                if (rows > 0) {
                    registry.counter("vigil.notify.retention.removed", "table", table).increment(rows);
                }
            });
        } while (batch.full());
    }
}
