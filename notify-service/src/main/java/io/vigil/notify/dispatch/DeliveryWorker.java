package io.vigil.notify.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends the notifications of the outbox. Each step claims due notifications (not those of receivers whose circuit
 * is open) up to the free capacity, with the alerts they carry, and sends each on a virtual thread, at most
 * {@code max-concurrency} at once per receiver. The outcome of every attempt is written in one transaction (batched
 * with other finished attempts): a ledger row per alert of the notification
 * ({@code DELIVERED}, {@code FAILED} with a retry scheduled after a backoff with jitter, or {@code DEAD_LETTERED}
 * after the last attempt or a permanent failure) and the notification's new status. Only then is the attempt over;
 * a crash before that leaves the lease to expire, and the next claim records the attempt as interrupted and sends
 * again with the same idempotency key.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOGGER = Logger.getLogger(DeliveryWorker.class);
    private static final int RECORD_BATCH = 500;
    // a few Kafka polls' worth: the notifications intake queued pending are usually claimed within one
    private static final int RECENT_ALERTS = 4_096;
    // one mapper for the worker's life: a fresh copy per attempt would introspect the types again every time
    private static final ObjectMapper JSON = ContractJson.mapper();

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
    private final BlockingQueue<Attempt> outcomes = new LinkedBlockingQueue<>();
    private final RecentAlerts recent = new RecentAlerts(RECENT_ALERTS);
    private WorkLoop loop;
    private WorkLoop recorder;

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
        recorder = WorkLoop.start("delivery-recorder", pollInterval, this::recordOutcomes);
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
        if (recorder != null) {
            recordOutcomes();
            recorder.close();
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
        int capacity = reserve(config.maxInFlight());
        if (capacity <= 0) {
            return false;
        }
        Instant now = clock.instant();
        Map<String, Alert> alertsById = new HashMap<>();
        List<NotificationRepository.Row> claimed;
        try {
            claimed = claim(now, capacity, alertsById);
        } catch (RuntimeException e) {
            unreserve(capacity);
            throw e;
        }
        unreserve(capacity - claimed.size());
        int released = dispatch(claimed, alertsById, now);
        if (claimed.stream().anyMatch(NotificationRepository.Row::interrupted)) {
            publisher.wake();
        }
        return claimed.size() == capacity && released == 0;
    }

    private List<NotificationRepository.Row> claim(Instant now, int capacity,
            Map<String, Alert> carried) {
        return database.inTransaction(connection -> {
            List<NotificationRepository.Row> exhausted = notifications.deadLetterInterrupted(connection, now,
                    capacity);
            List<NotificationRepository.Row> rows = notifications.claim(connection, now, config.lease(), capacity,
                    breakers.blocked(now));
            if (rows.isEmpty() && exhausted.isEmpty()) {
                return rows;
            }
            Set<String> ids = java.util.stream.Stream.concat(rows.stream(), exhausted.stream())
                    .flatMap(row -> row.alertIds().stream()).collect(Collectors.toSet());
            carried.putAll(recent.find(ids));
            if (carried.size() < ids.size()) {
                Set<String> missing = new HashSet<>(ids);
                missing.removeAll(carried.keySet());
                alerts.load(connection, missing).forEach((id, stored) -> carried.put(id, stored.alert()));
            }
            List<Delivery> interrupted = new ArrayList<>();
            for (NotificationRepository.Row row : rows) {
                if (row.interrupted()) {
                    interrupted.addAll(interruptedAttempt(row, row.attempts() - 1, DeliveryOutcome.FAILED,
                            "sending again with the same idempotency key", carried, now));
                }
            }
            for (NotificationRepository.Row row : exhausted) {
                interrupted.addAll(interruptedAttempt(row, row.attempts(), DeliveryOutcome.DEAD_LETTERED,
                        "it was the last of " + row.attemptLimit() + " attempts: dead-lettered (replayable)",
                        carried, now));
            }
            ledger.record(connection, interrupted);
            if (!exhausted.isEmpty()) {
                publisher.wake();
            }
            return rows;
        });
    }

    /**
     * Reserves capacity for attempts that another transaction claims (intake queues the notifications of groups
     * due at once already claimed, so they skip a claim round trip).
     *
     * @return how many of {@code wanted} were reserved (0 when the worker is full)
     */
    public int reserve(int wanted) {
        while (true) {
            int current = inFlight.get();
            int granted = Math.min(wanted, config.maxInFlight() - current);
            if (granted <= 0) {
                return 0;
            }
            if (inFlight.compareAndSet(current, current + granted)) {
                return granted;
            }
        }
    }

    /** Gives back reserved capacity that was not used (fewer rows claimed, or the transaction failed). */
    public void unreserve(int count) {
        if (count > 0) {
            inFlight.addAndGet(-count);
        }
    }

    /** Remembers alerts just taken in, so that claiming their notifications need not load them again. */
    public void remember(List<Alert> taken) {
        recent.remember(taken);
    }

    /** @return receivers whose circuit is open now: their notifications are not to be claimed */
    public Set<String> blockedReceivers(Instant now) {
        return Set.copyOf(breakers.blocked(now));
    }

    /** @return until when an attempt claimed now is reserved */
    public Instant leaseUntil(Instant now) {
        return now.plus(config.lease());
    }

    /**
     * Sends notifications that a committed transaction claimed with capacity from {@link #reserve}: one reserved
     * unit per row.
     *
     * @param alertsById the alerts the rows carry
     */
    public void sendClaimed(List<NotificationRepository.Row> rows, Map<String, Alert> alertsById) {
        dispatch(rows, alertsById, clock.instant());
    }

    /** Sends claimed rows; each already holds one unit of in-flight capacity. @return how many were released */
    private int dispatch(List<NotificationRepository.Row> claimed, Map<String, Alert> alertsById, Instant now) {
        List<String> released = new ArrayList<>();
        for (NotificationRepository.Row row : claimed) {
            if (!breakers.tryAcquire(row.receiver(), now)) {
                released.add(row.id());
                inFlight.decrementAndGet();
                continue;
            }
            List<Alert> alertsOfRow = row.alertIds().stream().filter(alertsById::containsKey)
                    .map(alertsById::get).toList();
            try {
                senders.execute(() -> send(row, alertsOfRow));
            } catch (RejectedExecutionException e) {
                // shutting down: the row stays leased; after the lease its attempt is recorded as interrupted
                inFlight.decrementAndGet();
                LOGGER.warnf("Not sent, the service is stopping: notificationId=%s", row.id());
            }
        }
        if (!released.isEmpty()) {
            try {
                database.inTransaction(connection -> {
                    notifications.release(connection, released);
                    return null;
                });
            } catch (RuntimeException e) {
                // never fails the caller (intake has committed already): the rows come back after their lease
                LOGGER.warnf("Could not give back %d claimed notifications (%s); they are claimed again after their"
                        + " lease", released.size(), e.getMessage());
            }
        }
        return released.size();
    }

    /**
     * @param attempt the attempt that was interrupted
     * @param outcome {@code FAILED} when another attempt follows, {@code DEAD_LETTERED} when it was the last
     * @param then what happens now, for the error text
     */
    private List<Delivery> interruptedAttempt(NotificationRepository.Row row, int attempt, DeliveryOutcome outcome,
            String then, Map<String, Alert> carried, Instant now) {
        LOGGER.warnf("Delivery attempt interrupted: notificationId=%s receiver=%s attempt=%d outcome=%s", row.id(),
                row.receiver(), attempt, outcome);
        String kind = receivers.names().contains(row.receiver()) ? receivers.get(row.receiver()).kind() : "unknown";
        List<Delivery> deliveries = new ArrayList<>();
        for (String alertId : row.alertIds()) {
            if (!carried.containsKey(alertId)) {
                continue;
            }
            Alert alert = carried.get(alertId);
            deliveries.add(new Delivery(Delivery.SCHEMA_VERSION, StableIds.of(row.id(), alert.id(),
                    String.valueOf(attempt)), now, alert.id(), alert.fingerprint(), alert.ruleId(), row.receiver(),
                    kind, attempt, outcome, now, 0, null, "Attempt " + attempt + " of notification " + row.id()
                            + " was interrupted: no outcome was recorded before its lease ran out (the service"
                            + " stopped mid-send?); " + then,
                    null, row.id()));
        }
        return deliveries;
    }

    private void send(NotificationRepository.Row row, List<Alert> carried) {
        try {
            Attempt attempt = attempt(row, carried);
            breakers.record(row.receiver(), attempt.outcome() == DeliveryOutcome.DELIVERED, clock.instant());
            outcomes.add(attempt);
            // intake may hand attempts over before the loops started; the recorder drains the queue once it runs
            if (recorder != null) {
                recorder.wake();
            }
        } catch (RuntimeException e) {
            // The lease expires and the next claim records this attempt as interrupted.
            LOGGER.errorf(e, "Delivery attempt failed unexpectedly: notificationId=%s receiver=%s", row.id(),
                    row.receiver());
            inFlight.decrementAndGet();
        }
    }

    /**
     * Writes finished attempts in batches: ledger rows and outbox status in one transaction, so many concurrent
     * attempts share one commit. Only after the commit is an attempt over (its capacity is freed).
     *
     * @return whether more outcomes are waiting
     */
    private boolean recordOutcomes() {
        List<Attempt> batch = new ArrayList<>();
        outcomes.drainTo(batch, RECORD_BATCH);
        if (batch.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        try {
            database.inTransaction(connection -> {
                ledger.record(connection, batch.stream().flatMap(a -> a.deliveries().stream()).toList());
                notifications.complete(connection, batch.stream().map(Attempt::completion).toList(), now);
                return null;
            });
        } catch (RuntimeException e) {
            // The leases expire and the next claims record these attempts as interrupted and send again.
            LOGGER.errorf(e, "Could not record %d delivery attempts; they will be retried after their lease",
                    batch.size());
        } finally {
            inFlight.addAndGet(-batch.size());
        }
        publisher.wake();
        if (loop != null) {
            loop.wake();
        }
        return !outcomes.isEmpty();
    }

    /** The outcome of one attempt, ready to be written. */
    private record Attempt(DeliveryOutcome outcome, NotificationRepository.Completion completion,
            List<Delivery> deliveries) {
    }

    private Attempt attempt(NotificationRepository.Row row, List<Alert> carried) {
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
        return new Attempt(outcome, new NotificationRepository.Completion(row.id(), status, next, error),
                deliveries);
    }

    private static Map<String, String> groupLabels(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e instanceof ReceiverException
                ? message
                : e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
