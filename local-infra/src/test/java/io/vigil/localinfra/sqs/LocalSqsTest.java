package io.vigil.localinfra.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalSqsTest {

    @Test
    void sharedReturnsTheSameRunningServerTwiceAndPublishesItsEndpoint() {
        // Given
        LocalSqs first = LocalSqs.shared();

        // When
        LocalSqs second = LocalSqs.shared();

        // Then
        assertThat(second).isSameAs(first);
        assertThat(first.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(System.getProperty("vigil.localinfra.sqs.endpoint")).isEqualTo(first.endpoint());
    }

    @Test
    void receivedMessageIsGoneFromTheQueueAfterDelete() {
        // Given
        LocalSqs sqs = LocalSqs.shared();
        String queueUrl = sqs.createQueue("local-infra-" + UUID.randomUUID());
        try (SqsClient client = sqs.client()) {
            client.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"id\":\"e-1\"}"));
            List<Message> received = client.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(5)).messages();

            // When
            client.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle()));

            // Then
            assertThat(queueUrl).startsWith(sqs.endpoint() + "/");
            assertThat(received).extracting(Message::body).containsExactly("{\"id\":\"e-1\"}");
            Map<QueueAttributeName, String> counts = client.getQueueAttributes(request -> request.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            assertThat(counts).containsOnly(
                    entry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"),
                    entry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        }
    }

    @Test
    void messageOf300KibIsAcceptedAndReturnedIntact() {
        // Given
        LocalSqs sqs = LocalSqs.shared();
        String queueUrl = sqs.createQueue("local-infra-large-" + UUID.randomUUID());
        String body = "x".repeat(300 * 1024);
        try (SqsClient client = sqs.client()) {

            // When
            client.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));

            // Then
            List<Message> received = client.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(5))
                    .messages();
            assertThat(received).singleElement().extracting(Message::body).isEqualTo(body);
        }
    }
}
