package io.vigil.ingest.sqs;

import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.ingest.dlq.DeadLetters;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeResult;
import io.vigil.ingest.intake.RawInput;
import io.vigil.ingest.publish.IngestPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Handles one received batch: turns each message into events or a dead letter, publishes them, waits for Kafka's
 * acknowledgement, and only then deletes the message from SQS. A message whose records were not acknowledged, or
 * whose source could not be read (S3), stays in the queue and is received again after its visibility timeout; after
 * {@code maxReceives} receives it goes to the dead-letter topic instead. While the batch is worked on its
 * visibility is extended. Never throws: every failure is logged, counted and left for redelivery.
 */
public class SqsBatchHandler {

    private static final Logger LOGGER = Logger.getLogger(SqsBatchHandler.class);

    private final SqsClient sqs;
    private final Intake intake;
    private final IngestPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxReceives;
    private final Duration ackTimeout;
    private final VisibilityExtender visibility;

    public SqsBatchHandler(SqsClient sqs, Intake intake, IngestPublisher publisher, IngestMetrics metrics,
            Clock clock, int maxReceives, Duration ackTimeout, VisibilityExtender visibility) {
        this.sqs = sqs;
        this.intake = intake;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.maxReceives = maxReceives;
        this.ackTimeout = ackTimeout;
        this.visibility = visibility;
    }

    /**
     * Handles {@code messages} received from {@code queueUrl}; returns when each is deleted or left.
     *
     * @return whether Kafka acknowledged everything that was published (false asks the poller to pause)
     */
    public boolean handle(String queue, String queueUrl, List<Message> messages) {
        return complete(begin(queue, queueUrl, messages));
    }

    /**
     * First half of {@link #handle}: turns each message into records and sends them, without waiting for Kafka.
     * The poller receives its next batch meanwhile, then calls {@link #complete}.
     */
    public InFlight begin(String queue, String queueUrl, List<Message> messages) {
        VisibilityExtender.Extension extension = visibility == null ? () -> {
        }
                : visibility.extend(queue, queueUrl, messages);
        try {
            List<Pending> pending = new ArrayList<>(messages.size());
            for (Message message : messages) {
                pending.add(start(queueUrl, message));
            }
            return new InFlight(queue, queueUrl, pending, extension, clock.instant().plus(ackTimeout));
        } catch (RuntimeException e) {
            extension.close();
            throw e;
        }
    }

    /**
     * Second half of {@link #handle}: waits for Kafka's acknowledgements and deletes the acknowledged messages.
     *
     * @return whether Kafka acknowledged everything that was published (false asks the poller to pause)
     */
    public boolean complete(InFlight batch) {
        try (VisibilityExtender.Extension extension = batch.extension()) {
            List<Message> done = new ArrayList<>(batch.pending().size());
            boolean kafkaAcknowledged = true;
            for (Pending entry : batch.pending()) {
                if (entry.retry() != null) {
                    metrics.message(batch.queue(), "retry");
                    LOGGER.warnf("SQS message %s from queue %s stays in the queue for redelivery: %s",
                            entry.message().messageId(), batch.queue(), entry.retry());
                } else if (awaitAck(batch.queue(), entry, batch.deadline())) {
                    done.add(entry.message());
                    metrics.message(batch.queue(), entry.outcome());
                } else {
                    kafkaAcknowledged = false;
                    metrics.message(batch.queue(), "failed");
                }
            }
            delete(batch.queue(), batch.queueUrl(), done);
            return kafkaAcknowledged;
        }
    }

    private Pending start(String queueUrl, Message message) {
        Instant receivedAt = clock.instant();
        RawInput input = new RawInput(message.body().getBytes(StandardCharsets.UTF_8),
                new Origin("sqs", queueUrl, message.messageId()), message.messageId(), receivedAt);
        int receives = receiveCount(message);
        if (receives > maxReceives) {
            return deadLetter(message, DeadLetters.of(input, DeadLetterReason.RECEIVE_LIMIT_EXCEEDED,
                    "received " + receives + " times without reaching Kafka; the limit is " + maxReceives
                            + " (vigil.ingest.sqs.max-receives)",
                    receivedAt));
        }
        IntakeResult result = intake.accept(input);
        return switch (result) {
            case IntakeResult.Accepted accepted -> {
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                acks.add(publisher.publishEvents(accepted.events()));
                accepted.deadLetters().forEach(deadLetter -> acks.add(publisher.publishDeadLetter(deadLetter)));
                yield new Pending(message, CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)),
                        "published", accepted.events(), accepted.deadLetters(), null);
            }
            case IntakeResult.Rejected rejected ->
                deadLetter(message, DeadLetters.of(input, rejected.reason(), rejected.detail(), receivedAt));
            case IntakeResult.Retry retry ->
                new Pending(message, CompletableFuture.completedFuture(null), "retry", List.of(), List.of(),
                        retry.detail());
        };
    }

    private Pending deadLetter(Message message, DeadLetter deadLetter) {
        return new Pending(message, publisher.publishDeadLetter(deadLetter), "dead_lettered", List.of(),
                List.of(deadLetter), null);
    }

    private boolean awaitAck(String queue, Pending entry, Instant deadline) {
        long waitMs = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            entry.ack().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOGGER.warnf("Kafka did not acknowledge the records of SQS message %s from queue %s; it stays in the"
                    + " queue for redelivery: %s", entry.message().messageId(), queue, e.getCause().toString());
            return false;
        } catch (TimeoutException e) {
            LOGGER.warnf("Kafka did not acknowledge the records of SQS message %s from queue %s within %s; it stays"
                    + " in the queue for redelivery", entry.message().messageId(), queue, ackTimeout);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        for (DeadLetter deadLetter : entry.deadLetters()) {
            metrics.deadLetter(deadLetter.reason());
            LOGGER.warnf("Input from SQS message %s of queue %s (%s) went to the dead-letter topic: %s: %s",
                    entry.message().messageId(), queue, deadLetter.origin().location(), deadLetter.reason(),
                    deadLetter.detail());
        }
        for (NormalizedEvent event : entry.events()) {
            metrics.events(event.sourceKind(), 1);
            event.caveats().forEach(metrics::caveat);
            LOGGER.debugf("Published event %s (%s %s) for account %s", event.id(), event.sourceKind(),
                    event.operation(), event.accountId());
        }
        return true;
    }

    private void delete(String queue, String queueUrl, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        try {
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            response.failed().forEach(failure -> {
                metrics.sqsError(queue, "delete");
                LOGGER.warnf("Could not delete SQS message %s from queue %s (%s: %s); it will be received again"
                        + " and de-duplicated", messages.get(Integer.parseInt(failure.id())).messageId(),
                        queue, failure.code(), failure.message());
            });
        } catch (SdkException e) {
            metrics.sqsError(queue, "delete");
            LOGGER.warnf("Could not delete %d SQS messages from queue %s (%s); they will be received again and"
                    + " de-duplicated", messages.size(), queue, e.getMessage());
        }
    }

    private static int receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A batch whose records are on their way to Kafka; {@link #complete} finishes it. */
    public record InFlight(String queue, String queueUrl, List<Pending> pending,
            VisibilityExtender.Extension extension, Instant deadline) {
    }

    /** A message whose records are on their way to Kafka, or that waits for a retry. */
    record Pending(Message message, CompletableFuture<Void> ack, String outcome, List<NormalizedEvent> events,
            List<DeadLetter> deadLetters, String retry) {
    }
}
