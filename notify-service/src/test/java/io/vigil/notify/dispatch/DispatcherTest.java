package io.vigil.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.ledger.DeliveryLedger;
import io.vigil.notify.receiver.BoundReceiver;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:15:05Z");

    private final List<Delivery> recorded = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final DeliveryLedger ledger = delivery -> {
        recorded.add(delivery);
        return CompletableFuture.completedFuture(null);
    };
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
    private final Dispatcher dispatcher = new Dispatcher(ledger, policy, delay -> {
        waits.add(delay);
        return CompletableFuture.completedFuture(null);
    }, Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void receiverThatKeepsFailingGetsMaxAttemptsRecordsEndingDeadLettered() {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        BoundReceiver failing = receiver("pager-sns", "sns", (target, notification) -> {
            throw new ReceiverException("topic not found");
        });

        // When
        List<Delivery> finals = dispatcher.dispatch(alert, List.of(failing)).toCompletableFuture().join();

        // Then
        assertThat(recorded).extracting(Delivery::attempt, Delivery::outcome).containsExactly(
                tuple(1, DeliveryOutcome.FAILED),
                tuple(2, DeliveryOutcome.FAILED),
                tuple(3, DeliveryOutcome.FAILED),
                tuple(4, DeliveryOutcome.DEAD_LETTERED));
        assertThat(recorded).extracting(Delivery::id).containsExactly(
                StableIds.of(alert.id(), "pager-sns", "1"), StableIds.of(alert.id(), "pager-sns", "2"),
                StableIds.of(alert.id(), "pager-sns", "3"), StableIds.of(alert.id(), "pager-sns", "4"));
        assertThat(recorded.get(3).error())
                .isEqualTo("Receiver 'pager-sns' (sns) failed attempt 4 of 4: ReceiverException: topic not found");
        assertThat(recorded).allSatisfy(delivery -> {
            assertThat(delivery.alertId()).isEqualTo(alert.id());
            assertThat(delivery.fingerprint()).isEqualTo(alert.fingerprint());
            assertThat(delivery.ruleId()).isEqualTo("CloudWatch.5");
            assertThat(delivery.receiverKind()).isEqualTo("sns");
            assertThat(delivery.providerMessageId()).isNull();
            assertThat(delivery.attemptedAt()).isEqualTo(NOW);
        });
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(finals).containsExactly(recorded.get(3));
    }

    @Test
    void receiverThatRecoversIsDeliveredOnTheAttemptThatSucceeds() {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        AtomicInteger calls = new AtomicInteger();
        BoundReceiver flaky = receiver("ops-email", "email", (target, notification) -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("connection refused");
            }
            return new Receipt("<m-1@smtp>");
        });

        // When
        List<Delivery> finals = dispatcher.dispatch(alert, List.of(flaky)).toCompletableFuture().join();

        // Then
        assertThat(recorded).extracting(Delivery::outcome).containsExactly(DeliveryOutcome.FAILED,
                DeliveryOutcome.FAILED, DeliveryOutcome.DELIVERED);
        assertThat(recorded.get(0).error())
                .isEqualTo("Receiver 'ops-email' (email) failed attempt 1 of 4: IllegalStateException: connection refused");
        assertThat(recorded.get(2).error()).isNull();
        assertThat(recorded.get(2).providerMessageId()).isEqualTo("<m-1@smtp>");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(finals).extracting(Delivery::outcome).containsExactly(DeliveryOutcome.DELIVERED);
    }

    @Test
    void failingReceiverDoesNotDelayOrChangeTheOtherReceiversDelivery() {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        BoundReceiver healthy = receiver("ops-email", "email", (target, notification) -> new Receipt("<m-2@smtp>"));
        BoundReceiver failing = receiver("pager-sns", "sns", (target, notification) -> {
            throw new ReceiverException("throttled");
        });

        // When
        List<Delivery> finals = dispatcher.dispatch(alert, List.of(healthy, failing)).toCompletableFuture().join();

        // Then
        assertThat(finals).extracting(Delivery::receiver, Delivery::outcome).containsExactly(
                tuple("ops-email", DeliveryOutcome.DELIVERED),
                tuple("pager-sns", DeliveryOutcome.DEAD_LETTERED));
        assertThat(recorded).filteredOn(d -> d.receiver().equals("ops-email")).hasSize(1);
        assertThat(recorded).filteredOn(d -> d.receiver().equals("pager-sns")).hasSize(4);
    }

    @Test
    void deliveryThatCannotBeRecordedFailsTheDispatchAndStopsRetrying() {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        AtomicInteger calls = new AtomicInteger();
        Dispatcher withBrokenLedger = new Dispatcher(delivery -> failed(new IllegalStateException("broker down")),
                policy, delay -> CompletableFuture.completedFuture(null), Runnable::run,
                Clock.fixed(NOW, ZoneOffset.UTC));
        BoundReceiver failing = receiver("pager-sns", "sns", (target, notification) -> {
            calls.incrementAndGet();
            throw new ReceiverException("throttled");
        });

        // When / Then
        assertThatThrownBy(() -> withBrokenLedger.dispatch(alert, List.of(failing)).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("broker down");
        assertThat(calls).hasValue(1);
    }

    private static CompletionStage<Void> failed(Throwable error) {
        return CompletableFuture.failedFuture(error);
    }

    private static BoundReceiver receiver(String name, String kind, Delivering delivering) {
        ReceiversConfig.ReceiverConfig settings = new Settings(kind);
        return new BoundReceiver(new ReceiverTarget(name, settings), new Receiver() {
            @Override
            public void validate(ReceiverTarget target) {
            }

            @Override
            public Receipt deliver(ReceiverTarget target, Notification notification) {
                return delivering.deliver(target, notification);
            }
        });
    }

    @FunctionalInterface
    private interface Delivering {
        Receipt deliver(ReceiverTarget target, Notification notification);
    }

    private record Settings(String kind) implements ReceiversConfig.ReceiverConfig {
        @Override
        public Optional<ReceiversConfig.Email> email() {
            return Optional.empty();
        }

        @Override
        public Optional<ReceiversConfig.Sns> sns() {
            return Optional.empty();
        }
    }
}
