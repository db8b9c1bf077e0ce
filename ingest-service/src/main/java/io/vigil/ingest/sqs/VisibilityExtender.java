package io.vigil.ingest.sqs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Keeps a batch invisible while it is worked on: every half visibility timeout it extends the messages' visibility by
 * a full timeout, so slow work (a large log file, a slow Kafka ack) is not received again by another poller.
 * Thread-safe.
 */
public class VisibilityExtender {

    private final VisibilityChanger changer;
    private final ScheduledExecutorService scheduler;
    private final Duration visibilityTimeout;
    private final IngestMetrics metrics;

    public VisibilityExtender(SqsClient sqs, ScheduledExecutorService scheduler, Duration visibilityTimeout,
            IngestMetrics metrics) {
        this.changer = new VisibilityChanger(sqs, metrics);
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
        int extended = changer.change(queue, queueUrl, messages, visibilityTimeout);
        if (extended > 0) {
            metrics.visibilityExtended(queue, extended);
        }
    }

    /** A running extension. */
    interface Extension extends AutoCloseable {
        @Override
        void close();
    }
}
