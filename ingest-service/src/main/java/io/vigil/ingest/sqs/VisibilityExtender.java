package io.vigil.ingest.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Keeps a batch invisible while it is worked on: every half visibility timeout it extends the messages' visibility by
 * a full timeout, so slow work (a large log file, a slow Kafka ack) is not received again by another poller.
 * Thread-safe.
 */
public class VisibilityExtender {

    private static final Logger LOGGER = Logger.getLogger(VisibilityExtender.class);

    private final SqsClient sqs;
    private final ScheduledExecutorService scheduler;
    private final Duration visibilityTimeout;
    private final IngestMetrics metrics;

    public VisibilityExtender(SqsClient sqs, ScheduledExecutorService scheduler, Duration visibilityTimeout,
            IngestMetrics metrics) {
        this.sqs = sqs;
        this.scheduler = scheduler;
        this.visibilityTimeout = visibilityTimeout;
        this.metrics = metrics;
    }

    /** Starts extending; close the result when the batch is done. */
    Extension extend(String queue, String queueUrl, List<Message> messages) {
        long periodMs = Math.max(500, visibilityTimeout.toMillis() / 2);
        ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(() -> changeVisibility(queue, queueUrl, messages),
                periodMs, periodMs, TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    private void changeVisibility(String queue, String queueUrl, List<Message> messages) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .visibilityTimeout((int) visibilityTimeout.toSeconds())
                    .build());
        }
        try {
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            metrics.visibilityExtended(queue, messages.size());
        } catch (SdkException e) {
            metrics.sqsError(queue, "change_visibility");
            LOGGER.warnf("Could not extend the visibility of %d messages of queue %s: %s", messages.size(), queue,
                    e.getMessage());
        }
    }

    /** A running extension. */
    interface Extension extends AutoCloseable {
        @Override
        void close();
    }
}
