package io.vigil.localinfra.fauxqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class LocalFauxqsTest {

    @Test
    void sharedReturnsTheSameRunningProcessTwiceAndPublishesItsEndpoint() {
        // Given
        LocalFauxqs first = LocalFauxqs.shared();

        // When
        LocalFauxqs second = LocalFauxqs.shared();

        // Then
        assertThat(second).isSameAs(first);
        assertThat(first.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(first.processHandle()).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        assertThat(System.getProperty("vigil.localinfra.fauxqs.endpoint")).isEqualTo(first.endpoint());
    }

    @Test
    void messagePublishedToATopicReachesTheSubscribedQueueInTheSnsEnvelope() {
        // Given
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        String topicArn = fauxqs.createTopic("local-infra-" + UUID.randomUUID());
        String queueUrl = fauxqs.createQueue("local-infra-" + UUID.randomUUID());
        fauxqs.subscribeQueue(topicArn, queueUrl);

        // When
        String messageId;
        try (SnsClient sns = fauxqs.snsClient()) {
            messageId = sns.publish(request -> request.topicArn(topicArn).subject("alert")
                    .message("{\"alertId\":\"a-1\"}")).messageId();
        }

        // Then
        List<Message> received = new ArrayList<>();
        try (SqsClient sqs = fauxqs.sqsClient()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                received.addAll(sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages());
                assertThat(received).hasSize(1);
            });
        }
        assertThat(topicArn)
                .isEqualTo("arn:aws:sns:us-east-1:000000000000:" + topicArn.substring(topicArn.lastIndexOf(':') + 1));
        assertThat(received.get(0).body())
                .contains("\"Type\":\"Notification\"")
                .contains("\"MessageId\":\"" + messageId + "\"")
                .contains("\"TopicArn\":\"" + topicArn + "\"")
                .contains("\"Message\":\"{\\\"alertId\\\":\\\"a-1\\\"}\"");
    }

    @Test
    void objectPutIntoABucketIsReadBack() {
        // Given
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        String bucket = fauxqs.createBucket("local-infra-" + Long.toHexString(System.nanoTime()));
        try (S3Client s3 = fauxqs.s3Client()) {
            s3.putObject(request -> request.bucket(bucket).key("evidence/e-1.json"),
                    RequestBody.fromString("{\"hash\":\"abc\"}"));

            // When
            String read = s3.getObjectAsBytes(request -> request.bucket(bucket).key("evidence/e-1.json"))
                    .asString(StandardCharsets.UTF_8);

            // Then
            assertThat(read).isEqualTo("{\"hash\":\"abc\"}");
        }
    }

    @Test
    void closeLeavesNoFauxqsProcessOrDescendantBehind() {
        // Given
        LocalFauxqs owned = LocalFauxqs.start();
        ProcessHandle process = owned.processHandle().orElseThrow();
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process);

        // When
        owned.close();

        // Then
        assertThat(family).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).doesNotContain(process);
    }
}
