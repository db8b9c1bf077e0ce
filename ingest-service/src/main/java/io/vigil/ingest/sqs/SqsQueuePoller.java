package io.vigil.ingest.sqs;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * One long-polling loop over one queue. It handles a batch completely (published, acknowledged, deleted) before it
 * receives the next, so when Kafka is slow or down it stops receiving and the messages wait in SQS: backpressure
 * without an unbounded buffer. No exception ends the loop; only {@link #stop()} does.
 */
class SqsQueuePoller implements Runnable {

    private static final Logger LOGGER = Logger.getLogger(SqsQueuePoller.class);

    private final String queue;
    private final String queueUrl;
    private final SqsClient sqs;
    private final SqsBatchHandler handler;
    private final IngestMetrics metrics;
    private final Duration waitTime;
    private final int batchSize;
    private final Duration errorBackoff;
    private final CountDownLatch stopped = new CountDownLatch(1);

    SqsQueuePoller(String queue, String queueUrl, SqsClient sqs, SqsBatchHandler handler, IngestMetrics metrics,
            Duration waitTime, int batchSize, Duration errorBackoff) {
        this.queue = queue;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.handler = handler;
        this.metrics = metrics;
        this.waitTime = waitTime;
        this.batchSize = batchSize;
        this.errorBackoff = errorBackoff;
    }

    @Override
    public void run() {
        LOGGER.infof("Polling SQS queue %s at %s", queue, queueUrl);
        ReceiveMessageRequest request = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds((int) waitTime.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .build();
        while (stopped.getCount() > 0) {
            try {
                var messages = sqs.receiveMessage(request).messages();
                if (!messages.isEmpty() && stopped.getCount() > 0) {
                    handler.handle(queue, queueUrl, messages);
                } else if (!messages.isEmpty()) {
                    LOGGER.infof("Stopping: %d received messages of queue %s are left for redelivery",
                            messages.size(), queue);
                }
            } catch (RuntimeException e) {
                metrics.sqsError(queue, "receive");
                LOGGER.warnf("Receiving from SQS queue %s failed, retrying in %s: %s", queue, errorBackoff,
                        e.toString());
                pause(errorBackoff);
            }
        }
        LOGGER.infof("Stopped polling SQS queue %s", queue);
    }

    /** Asks the loop to end after the batch in hand; returns at once. */
    void stop() {
        stopped.countDown();
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }
}
