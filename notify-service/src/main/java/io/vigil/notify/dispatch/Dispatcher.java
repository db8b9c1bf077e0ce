package io.vigil.notify.dispatch;

import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.StableIds;
import io.vigil.notify.ledger.DeliveryLedger;
import io.vigil.notify.receiver.BoundReceiver;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.Receipt;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers one alert to its receivers, in parallel, each with bounded retries. Every attempt becomes a
 * {@link Delivery} recorded in the {@link DeliveryLedger} before the next attempt starts: {@code DELIVERED},
 * {@code FAILED} (another attempt follows) or {@code DEAD_LETTERED} (the last attempt failed). The returned stage
 * completes when every receiver has a recorded final outcome, and fails only when the ledger could not record one;
 * a receiver that keeps failing is not an error of the dispatch.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOGGER = Logger.getLogger(Dispatcher.class);

    private final DeliveryLedger ledger;
    private final RetryPolicy policy;
    private final RetryTimer timer;
    private final Executor sendExecutor;
    private final Clock clock;
    private final ExecutorService ownedSendExecutor;
    private final ScheduledExecutorService ownedScheduler;

    @Inject
    Dispatcher(DeliveryLedger ledger, RetryConfig config, Clock clock) {
        this(ledger, new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble()), clock,
                Executors.newVirtualThreadPerTaskExecutor(), Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "vigil-notify-retry-timer");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    private Dispatcher(DeliveryLedger ledger, RetryPolicy policy, Clock clock, ExecutorService sendExecutor,
            ScheduledExecutorService scheduler) {
        this.ledger = ledger;
        this.policy = policy;
        this.clock = clock;
        this.sendExecutor = sendExecutor;
        this.ownedSendExecutor = sendExecutor;
        this.ownedScheduler = scheduler;
        this.timer = delay -> {
            CompletableFuture<Void> elapsed = new CompletableFuture<>();
            scheduler.schedule(() -> elapsed.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
            return elapsed;
        };
    }

    /** For tests: the caller owns the executor; the timer decides how (and whether) to wait. */
    Dispatcher(DeliveryLedger ledger, RetryPolicy policy, RetryTimer timer, Executor sendExecutor, Clock clock) {
        this.ledger = ledger;
        this.policy = policy;
        this.timer = timer;
        this.sendExecutor = sendExecutor;
        this.clock = clock;
        this.ownedSendExecutor = null;
        this.ownedScheduler = null;
    }

    @PreDestroy
    void close() {
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
        if (ownedSendExecutor != null) {
            ownedSendExecutor.shutdownNow();
        }
    }

    /**
     * Delivers an alert to receivers.
     *
     * @return the final delivery of each receiver, in the order of {@code receivers}
     */
    public CompletionStage<List<Delivery>> dispatch(Alert alert, List<BoundReceiver> receivers) {
        Notification notification = Notification.of(alert);
        List<CompletableFuture<Delivery>> finals = receivers.stream()
                .map(receiver -> attempt(alert, notification, receiver, 1).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(finals.toArray(CompletableFuture[]::new))
                .thenApply(done -> finals.stream().map(CompletableFuture::join).toList());
    }

    private CompletionStage<Delivery> attempt(Alert alert, Notification notification, BoundReceiver receiver,
            int attempt) {
        return CompletableFuture.supplyAsync(() -> send(alert, notification, receiver, attempt), sendExecutor)
                .thenCompose(delivery -> ledger.record(delivery).thenApply(recorded -> delivery))
                .thenCompose(delivery -> delivery.outcome() == DeliveryOutcome.FAILED
                        ? timer.after(policy.backoffAfter(attempt))
                                .thenCompose(waited -> attempt(alert, notification, receiver, attempt + 1))
                        : CompletableFuture.completedFuture(delivery));
    }

    private Delivery send(Alert alert, Notification notification, BoundReceiver receiver, int attempt) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        DeliveryOutcome outcome;
        String providerMessageId = null;
        String error = null;
        try {
            Receipt receipt = receiver.deliver(notification);
            outcome = DeliveryOutcome.DELIVERED;
            providerMessageId = receipt == null ? null : receipt.providerMessageId();
        } catch (RuntimeException e) {
            outcome = policy.retriesAfter(attempt) ? DeliveryOutcome.FAILED : DeliveryOutcome.DEAD_LETTERED;
            error = "Receiver '" + receiver.name() + "' (" + receiver.kind() + ") failed attempt " + attempt + " of "
                    + policy.maxAttempts() + ": " + describe(e);
            LOGGER.warnf("Delivery attempt failed: alertId=%s ruleId=%s receiver=%s attempt=%d outcome=%s error=%s",
                    alert.id(), alert.ruleId(), receiver.name(), attempt, outcome, describe(e));
        }
        long durationMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (outcome == DeliveryOutcome.DELIVERED) {
            LOGGER.debugf("Delivered: alertId=%s receiver=%s attempt=%d providerMessageId=%s", alert.id(),
                    receiver.name(), attempt, providerMessageId);
        }
        return new Delivery(Delivery.SCHEMA_VERSION,
                StableIds.of(alert.id(), receiver.name(), String.valueOf(attempt)),
                clock.instant(), alert.id(), alert.fingerprint(), alert.ruleId(), receiver.name(), receiver.kind(),
                attempt, outcome, started, durationMillis, providerMessageId, error);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
