package io.vigil.ingest.sqs;

import io.vigil.ingest.publish.KafkaAvailability;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * One long-polling loop over one queue. While one batch waits for Kafka's acknowledgement the next is received and
 * sent, then the first is completed (acknowledged, deleted): at most two batches per poller are in flight. When Kafka
 * did not acknowledge a batch the poller
 * stops receiving until Kafka answers again (checked with growing pauses up to {@code kafkaRetryMaxBackoff}): the
 * messages wait in SQS, nothing is buffered, and their receive counts do not climb during an outage. No exception
 * ends the loop; only {@link #stop()} does.
 */
public class SqsQueuePoller implements Runnable {

    private static final Logger LOGGER = Logger.getLogger(SqsQueuePoller.class);
    private static final Duration FIRST_KAFKA_BACKOFF = Duration.ofMillis(500);
    private static final Duration AVAILABILITY_TIMEOUT = Duration.ofSeconds(5);

    private final String queue;
    private final String queueUrl;
    private final SqsClient sqs;
    private final SqsBatchHandler handler;
    private final IngestMetrics metrics;
    private final KafkaAvailability kafka;
    private final ReceiveMessageRequest request;
    private final ReceiveMessageRequest requestWithoutWait;
    private final Duration errorBackoff;
    private final Duration kafkaRetryMaxBackoff;
    private final VisibilityChanger visibility;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param visibilityTimeout the visibility timeout asked for on each receive
     * @param kafka the availability check used after a failed batch; null to retry at once (benchmarks)
     */
    public SqsQueuePoller(String queue, String queueUrl, SqsClient sqs, SqsBatchHandler handler,
            IngestMetrics metrics, KafkaAvailability kafka, Duration waitTime, int batchSize,
            Duration visibilityTimeout, Duration errorBackoff, Duration kafkaRetryMaxBackoff) {
        this.queue = queue;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.visibility = new VisibilityChanger(sqs, metrics);
        this.handler = handler;
        this.metrics = metrics;
        this.kafka = kafka;
        this.errorBackoff = errorBackoff;
        this.kafkaRetryMaxBackoff = kafkaRetryMaxBackoff;
        this.request = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds((int) waitTime.toSeconds())
                .visibilityTimeout((int) visibilityTimeout.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .build();
        this.requestWithoutWait = request.toBuilder().waitTimeSeconds(0).build();
    }

    @Override
    public void run() {
        LOGGER.infof("Polling SQS queue %s at %s", queue, queueUrl);
        // the next receive overlaps the previous batch's wait for Kafka: at most two batches in flight
        SqsBatchHandler.InFlight previous = null;
        while (stopped.getCount() > 0) {
            try {
                // with a batch in hand, do not long-poll: an idle queue must not delay its completion
                var messages = sqs.receiveMessage(previous == null ? request : requestWithoutWait).messages();
                SqsBatchHandler.InFlight current = null;
                if (!messages.isEmpty() && stopped.getCount() > 0) {
                    current = handler.begin(queue, queueUrl, messages);
                } else if (!messages.isEmpty()) {
                    release(messages);
                }
                SqsBatchHandler.InFlight finishing = previous;
                previous = current;
                if (finishing != null && !handler.complete(finishing)) {
                    if (previous != null) {
                        handler.complete(previous);
                        previous = null;
                    }
                    awaitKafka();
                }
            } catch (RuntimeException e) {
                metrics.sqsError(queue, "receive");
                LOGGER.warnf("Receiving from SQS queue %s failed, retrying in %s: %s", queue, errorBackoff,
                        e.toString());
                if (previous != null) {
                    handler.complete(previous);
                    previous = null;
                }
                pause(errorBackoff);
            }
        }
        if (previous != null) {
            // graceful shutdown: the batch in hand is finished, not abandoned
            handler.complete(previous);
        }
        LOGGER.infof("Stopped polling SQS queue %s", queue);
    }

    /**
     * Messages received after {@link #stop()} are not worked on: they are made visible again at once, so another
     * instance receives them now instead of after the visibility timeout.
     */
    private void release(List<Message> messages) {
        int released = visibility.change(queue, queueUrl, messages, Duration.ZERO);
        LOGGER.infof("Stopping: %d of %d messages received from queue %s are released for redelivery; any others are"
                + " redelivered after their visibility timeout", released, messages.size(), queue);
    }

    /** Asks the loop to end after the batch in hand; returns at once. */
    public void stop() {
        stopped.countDown();
    }

    /** Backpressure: no receive until Kafka serves the topics again. */
    private void awaitKafka() {
        if (kafka == null) {
            return;
        }
        metrics.kafkaPause(queue);
        LOGGER.warnf("Kafka did not acknowledge; polling of SQS queue %s paused until Kafka is available", queue);
        Duration backoff = FIRST_KAFKA_BACKOFF;
        while (stopped.getCount() > 0) {
            pause(backoff);
            if (stopped.getCount() == 0 || kafka.isAvailable(AVAILABILITY_TIMEOUT)) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(kafkaRetryMaxBackoff) > 0
                    ? kafkaRetryMaxBackoff
                    : backoff.multipliedBy(2);
        }
        LOGGER.infof("Kafka is available again; polling of SQS queue %s resumes", queue);
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
