package io.vigil.ingest.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.localinfra.sqs.LocalSqs;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Visibility changes against a real ElasticMQ: SQS's per-entry refusals are counted, not taken for success. */
class VisibilityChangerTest {

    private final SqsClient sqs = LocalSqs.shared().client();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void entryWithAnInvalidReceiptHandleIsCountedAsAnSqsErrorAndTheOthersAreChanged() {
        // Given
        String queueUrl = LocalSqs.shared().createQueue("visibility-" + UUID.randomUUID());
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"n\":1}"));
        Message received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5).visibilityTimeout(60))
                .messages().get(0);
        Message forged = received.toBuilder().receiptHandle("not-a-receipt-handle").build();

        // When
        int changed = new VisibilityChanger(sqs, new IngestMetrics(meters)).change("q", queueUrl,
                List.of(received, forged), Duration.ZERO);

        // Then
        assertThat(changed).isEqualTo(1);
        assertThat(meters.counter("vigil.ingest.sqs.errors", "queue", "q", "operation", "change_visibility").count())
                .isEqualTo(1.0);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages())
                .as("the valid entry was made visible again at once").extracting(Message::body)
                .containsExactly("{\"n\":1}");
    }

    @Test
    void failedCallChangesNothingAndIsCountedAsAnSqsError() {
        // Given
        String queueUrl = LocalSqs.shared().createQueue("visibility-" + UUID.randomUUID());
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"n\":2}"));
        Message received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages().get(0);

        // When
        int changed = new VisibilityChanger(sqs, new IngestMetrics(meters)).change("q", queueUrl + "-missing",
                List.of(received), Duration.ZERO);

        // Then
        assertThat(changed).isZero();
        assertThat(meters.counter("vigil.ingest.sqs.errors", "queue", "q", "operation", "change_visibility").count())
                .isEqualTo(1.0);
    }
}
