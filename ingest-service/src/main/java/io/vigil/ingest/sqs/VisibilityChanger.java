package io.vigil.ingest.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Sets the visibility timeout of received messages in one batch call (at most ten messages, as SQS receives them).
 * SQS answers a batch call per entry: entries it refused (an expired receipt handle, say) are counted as an SQS error
 * and logged with their codes, like a failed call. Thread-safe.
 */
final class VisibilityChanger {

    private static final Logger LOGGER = Logger.getLogger(VisibilityChanger.class);

    private final SqsClient sqs;
    private final IngestMetrics metrics;

    VisibilityChanger(SqsClient sqs, IngestMetrics metrics) {
        this.sqs = sqs;
        this.metrics = metrics;
    }

    /** @return how many of the messages now have the new visibility timeout (0 when the call failed) */
    int change(String queue, String queueUrl, List<Message> messages, Duration visibility) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .visibilityTimeout((int) visibility.toSeconds())
                    .build());
        }
        try {
            ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(
                    b -> b.queueUrl(queueUrl).entries(entries));
            List<BatchResultErrorEntry> failed = response.hasFailed() ? response.failed() : List.of();
            if (!failed.isEmpty()) {
                metrics.sqsError(queue, "change_visibility");
                LOGGER.warnf("SQS refused to set the visibility of %d of %d messages of queue %s to %s: %s",
                        failed.size(), messages.size(), queue, visibility,
                        failed.stream().map(f -> f.code() + " " + f.message()).distinct().toList());
            }
            return messages.size() - failed.size();
        } catch (SdkException e) {
            metrics.sqsError(queue, "change_visibility");
            LOGGER.warnf("Could not set the visibility of %d messages of queue %s to %s: %s", messages.size(), queue,
                    visibility, e.getMessage());
            return 0;
        }
    }
}
