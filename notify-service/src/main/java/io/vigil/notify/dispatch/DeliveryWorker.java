package io.vigil.notify.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.StableIds;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.ledger.LedgerPublisher;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.receiver.BoundReceiver;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.OutboundNotification;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.store.Database;
import io.vigil.notify.work.WorkLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends the notifications of the outbox. Each step claims due notifications (not those of receivers whose circuit
 * is open) up to the free capacity, and sends each on a virtual thread, at most {@code max-concurrency} at once per
 * receiver. The outcome of every attempt is written in one transaction: a ledger row per alert of the notification
 * ({@code DELIVERED}, {@code FAILED} with a retry scheduled after a backoff with jitter, or {@code DEAD_LETTERED}
 * after the last attempt or a permanent failure) and the notification's new status. Only then is the attempt over;
 * a crash before that leaves the lease to expire, and the next claim records the attempt as interrupted and sends
 * again with the same idempotency key.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOGGER = Logger.getLogger(DeliveryWorker.class);

    private final Database database;
    private final NotificationRepository notifications;
    private final AlertRepository alerts;
    private final LedgerRepository ledger;
    private final LedgerPublisher publisher;
    private final Receivers receivers;
    private final CircuitBreakers breakers;
    private final RetryPolicy retry;
    private final DispatchConfig config;
    private final Clock clock;
    private final Duration pollInterval;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private WorkLoop loop;

    @Inject
    public DeliveryWorker(Database database, NotificationRepository notifications, AlertRepository alerts,
            LedgerRepository ledger, LedgerPublisher publisher, Receivers receivers, CircuitBreakers breakers,
            RetryConfig retryConfig, DispatchConfig config, Clock clock) {
        this.database = database;
        this.notifications = notifications;
        this.alerts = alerts;
        this.ledger = ledger;
        this.publisher = publisher;
        this.receivers = receivers;
        this.breakers = breakers;
        this.retry = new RetryPolicy(retryConfig.maxAttempts(), retryConfig.initialBackoff(),
                retryConfig.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
        this.config = config;
        this.clock = clock;
        this.pollInterval = config.pollInterval();
    }

    void start(@Observes @Priority(StartupOrder.WORKERS) StartupEvent startup) {
        loop = WorkLoop.start("delivery", pollInterval, this::claimAndSend);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.close();
        }
        senders.shutdown();
        try {
            senders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends soon: notifications were just queued. */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    /** @return the attempts a notification gets before it is dead-lettered */
    public int maxAttempts() {
        return retry.maxAttempts();
    }

    private boolean claimAndSend() {
        int capacity = config.maxInFlight() - inFlight.get();
        if (capacity <= 0) {
            return false;
        }
        Instant now = clock.instant();
        List<NotificationRepository.Row> claimed = database.inTransaction(connection -> {
            List<NotificationRepository.Row> rows = notifications.claim(connection, now, config.lease(), capacity,
                    breakers.blocked(now));
            List<Delivery> interrupted = new ArrayList<>();
            for (NotificationRepository.Row row : rows) {
                if (row.interrupted()) {
                    interrupted.addAll(interruptedAttempt(connection, row, now));
                }
            }
            ledger.record(connection, interrupted);
            return rows;
        });
        List<String> released = new ArrayList<>();
        for (NotificationRepository.Row row : claimed) {
            if (!breakers.tryAcquire(row.receiver(), now)) {
                released.add(row.id());
                continue;
            }
            inFlight.incrementAndGet();
            senders.execute(() -> send(row));
        }
        if (!released.isEmpty()) {
            database.inTransaction(connection -> {
                notifications.release(connection, released);
                return null;
            });
        }
        if (claimed.stream().anyMatch(NotificationRepository.Row::interrupted)) {
            publisher.wake();
        }
        return claimed.size() == capacity && released.isEmpty();
    }

    private List<Delivery> interruptedAttempt(java.sql.Connection connection, NotificationRepository.Row row,
            Instant now) throws java.sql.SQLException {
        int attempt = row.attempts() - 1;
        LOGGER.warnf("Delivery attempt interrupted: notificationId=%s receiver=%s attempt=%d", row.id(),
                row.receiver(), attempt);
        String kind = receivers.names().contains(row.receiver()) ? receivers.get(row.receiver()).kind() : "unknown";
        List<Delivery> deliveries = new ArrayList<>();
        for (AlertRepository.StoredAlert stored : alerts.load(connection, row.alertIds()).values()) {
            Alert alert = stored.alert();
            deliveries.add(new Delivery(Delivery.SCHEMA_VERSION, StableIds.of(row.id(), alert.id(),
                    String.valueOf(attempt)), now, alert.id(), alert.fingerprint(), alert.ruleId(), row.receiver(),
                    kind, attempt, DeliveryOutcome.FAILED, now, 0, null, "Attempt " + attempt + " of notification "
                            + row.id() + " was interrupted: no outcome was recorded before its lease ran out"
                            + " (the service stopped mid-send?); sending again with the same idempotency key",
                    null, row.id()));
        }
        return deliveries;
    }

    private void send(NotificationRepository.Row row) {
        try {
            Attempt attempt = attempt(row);
            Instant now = clock.instant();
            breakers.record(row.receiver(), attempt.outcome() == DeliveryOutcome.DELIVERED, now);
            database.inTransaction(connection -> {
                ledger.record(connection, attempt.deliveries());
                notifications.complete(connection, row.id(), attempt.status(), attempt.nextAttemptAt(),
                        attempt.error(), now);
                return null;
            });
            publisher.wake();
        } catch (RuntimeException e) {
            // The lease expires and the next claim records this attempt as interrupted.
            LOGGER.errorf(e, "Could not record a delivery attempt: notificationId=%s receiver=%s", row.id(),
                    row.receiver());
        } finally {
            inFlight.decrementAndGet();
            if (loop != null) {
                loop.wake();
            }
        }
    }

    /** The outcome of one attempt, ready to be written. */
    private record Attempt(DeliveryOutcome outcome, String status, Instant nextAttemptAt, String error,
            List<Delivery> deliveries) {
    }

    private Attempt attempt(NotificationRepository.Row row) {
        Map<String, AlertRepository.StoredAlert> stored = database.inTransaction(
                connection -> alerts.load(connection, row.alertIds()));
        List<Alert> carried = row.alertIds().stream().filter(stored::containsKey)
                .map(id -> stored.get(id).alert()).toList();
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Receipt receipt = null;
        RuntimeException failure = null;
        String kind = "unknown";
        try {
            BoundReceiver receiver = receivers.get(row.receiver());
            kind = receiver.kind();
            OutboundNotification notification = new OutboundNotification(row.id(), row.action(), row.receiver(),
                    row.groupId(), groupLabels(row.groupLabelsJson()),
                    carried.stream().map(Notification::of).toList(), row.note());
            Semaphore semaphore = permits.computeIfAbsent(row.receiver(),
                    name -> new Semaphore(receiver.target().settings().maxConcurrency()));
            semaphore.acquireUninterruptibly();
            try {
                receipt = receiver.deliver(notification);
            } finally {
                semaphore.release();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        int attempt = row.attempts();
        DeliveryOutcome outcome;
        String status;
        Instant next = null;
        String error = null;
        Integer responseCode = receipt == null ? null : receipt.responseCode();
        if (failure == null) {
            outcome = DeliveryOutcome.DELIVERED;
            status = NotificationRepository.DELIVERED;
        } else {
            boolean permanent = failure instanceof ReceiverException re && re.permanent()
                    || failure instanceof IllegalArgumentException;
            responseCode = failure instanceof ReceiverException re ? re.responseCode() : null;
            boolean retries = !permanent && attempt < row.attemptLimit();
            outcome = retries ? DeliveryOutcome.FAILED : DeliveryOutcome.DEAD_LETTERED;
            status = retries ? NotificationRepository.PENDING : NotificationRepository.DEAD_LETTERED;
            next = retries ? clock.instant().plus(retry.backoffAfter(attempt)) : null;
            error = "Attempt " + attempt + " of " + row.attemptLimit() + (permanent ? " (permanent failure)" : "")
                    + ": " + describe(failure);
            LOGGER.warnf("Delivery attempt failed: notificationId=%s receiver=%s attempt=%d outcome=%s error=%s",
                    row.id(), row.receiver(), attempt, outcome, describe(failure));
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Alert alert : carried) {
            deliveries.add(new Delivery(Delivery.SCHEMA_VERSION,
                    StableIds.of(row.id(), alert.id(), String.valueOf(attempt)), clock.instant(), alert.id(),
                    alert.fingerprint(), alert.ruleId(), row.receiver(), kind, attempt, outcome, started, latency,
                    receipt == null ? null : receipt.providerMessageId(), error, responseCode, row.id()));
        }
        return new Attempt(outcome, status, next, error, deliveries);
    }

    private static Map<String, String> groupLabels(String json) {
        try {
            return ContractJson.mapper().readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e instanceof ReceiverException ? message
                : e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
