package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.StableIds;
import io.vigil.contract.Topics;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.samples.Samples;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.SqsTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The whole service against a real Kafka broker and a real SQS server (ElasticMQ). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SqsTestResource.class)
@WithTestResource(IngestQueueTestResource.class)
@WithTestResource(IngestS3TestResource.class)
class IngestServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "vigil.ingest.sqs.queues.main.url")
    String queueUrl;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void cloudTrailEventFromSqsIsPublishedToTheEventsTopicAndDeletedFromTheQueue() {
        // Given
        TopicTail events = TopicTail.mark(bootstrapServers, Topics.EVENTS);
        TopicTail deadLetters = TopicTail.mark(bootstrapServers, Topics.INGEST_DLQ);

        String body = Samples.read(Samples.STOP_LOGGING);

        // When
        String messageId = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();

        // Then
        List<ConsumerRecord<String, byte[]>> records = events.await(1, WAIT);
        NormalizedEvent event = ContractJson.read(records.get(0).value(), NormalizedEvent.class);
        assertThat(records.get(0).key()).isEqualTo("111122223333");
        assertThat(event.id()).isEqualTo(StableIds.of("aws.cloudtrail", "3f1c2b7a-0d5e-4c4e-9a53-7b8f2d1e6a90"));
        assertThat(event.eventClass()).isEqualTo(EventClass.API_ACTIVITY);
        assertThat(event.operation()).isEqualTo("StopLogging");
        assertThat(event.actor().arn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(event.origin().messageId()).isEqualTo(messageId);
        assertThat(event.raw().path("detail").path("eventName").asText()).isEqualTo("StopLogging");
        awaitQueueEmpty();
        deadLetters.await(0, Duration.ZERO);
    }

    @Test
    void sameSourceEventReceivedTwiceYieldsOneEvent() {
        // Given
        String eventId = UUID.randomUUID().toString();
        String body = Samples.read(Samples.DESCRIBE_INSTANCES).replaceFirst("\"eventID\": \"[^\"]+\"",
                "\"eventID\": \"" + eventId + "\"");
        TopicTail events = TopicTail.mark(bootstrapServers, Topics.EVENTS);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        events.await(1, WAIT);
        awaitQueueEmpty();
        TopicTail afterFirst = TopicTail.mark(bootstrapServers, Topics.EVENTS);

        // When: SQS delivers it again (at-least-once) or a second rule sends it too
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));

        // Then
        awaitQueueEmpty();
        afterFirst.await(0, Duration.ofSeconds(3));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_ingest_duplicates_total")));
    }

    @Test
    void bodyThatIsNotJsonGoesToTheDeadLetterTopicWholeAndIsDeleted() {
        // Given
        TopicTail events = TopicTail.mark(bootstrapServers, Topics.EVENTS);
        TopicTail deadLetters = TopicTail.mark(bootstrapServers, Topics.INGEST_DLQ);

        // When
        String messageId = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("<xml>not json</xml>")).messageId();

        // Then
        ConsumerRecord<String, byte[]> record = deadLetters.await(1, WAIT).get(0);
        DeadLetter deadLetter = ContractJson.read(record.value(), DeadLetter.class);
        assertThat(record.key()).isEqualTo(messageId);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(deadLetter.raw()).isEqualTo("<xml>not json</xml>");
        assertThat(deadLetter.rawSizeBytes()).isEqualTo(19);
        assertThat(deadLetter.origin().location()).isEqualTo(queueUrl);
        awaitQueueEmpty();
        events.await(0, Duration.ZERO);
    }

    @Test
    void bodyOverTheSizeLimitGoesToTheDeadLetterTopic() {
        // Given: the test profile limits input to 64 KiB
        TopicTail deadLetters = TopicTail.mark(bootstrapServers, Topics.INGEST_DLQ);
        String body = "{\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";

        // When
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));

        // Then
        DeadLetter deadLetter = ContractJson.read(deadLetters.await(1, WAIT).get(0).value(), DeadLetter.class);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(deadLetter.detail()).isEqualTo("input is " + body.length() + " bytes, the limit is 65536 bytes"
                + " (vigil.ingest.intake.max-message-size)");
        assertThat(deadLetter.raw()).isEqualTo(body);
        awaitQueueEmpty();
    }

    @Test
    void readinessReportsTheQueueAndKafkaUp() {
        // When / Then
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'SQS queues' }.status", equalTo("UP"));
    }

    @Test
    void deadLettersAreCountedPerReasonInPrometheusMetrics() {
        // Given
        TopicTail deadLetters = TopicTail.mark(bootstrapServers, Topics.INGEST_DLQ);

        // When
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("[\"an array is not an event\"]"));

        // Then
        deadLetters.await(1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("vigil_ingest_dead_letters_total{reason=\"UNSUPPORTED_SOURCE\"}")));
    }

    private void awaitQueueEmpty() {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
            assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("0");
        });
    }

}
