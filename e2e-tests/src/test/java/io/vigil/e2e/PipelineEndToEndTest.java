package io.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.StableIds;
import io.vigil.contract.Topics;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.run.VigilStack;
import io.vigil.localinfra.samples.Samples;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One security event through the whole pipeline: SQS → ingest-service → Kafka → rules-service → notify-service →
 * SMTP and SNS, and everything into the audit-service's PostgreSQL evidence store, with the four services running as
 * separate processes from their runner jars on real servers.
 */
class PipelineEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CIS_CLOUDTRAIL_CHANGES_RULE = "cis-aws-cloudwatch-5";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static VigilStack stack;
    private static String auditorToken;

    @BeforeAll
    static void startVigil() {
        Path root = Path.of(System.getProperty("vigil.project.root", "..")).toAbsolutePath().normalize();
        stack = VigilStack.start(new VigilStack.Settings(root, root.resolve("e2e-tests/target/vigil"), false,
                Duration.ofMinutes(4), Map.of()));
        auditorToken = stack.tokens().mint("e2e-auditor", List.of("auditor"), Duration.ofHours(1));
    }

    @AfterAll
    static void stopVigil() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void stopLoggingBecomesAnAlertAnEmailAnSnsMessageAndAuditEvidence() throws Exception {
        // Given
        String body = Samples.fresh(Samples.STOP_LOGGING, Instant.now());
        String cloudTrailEventId = ContractJson.read(body, JsonNode.class).path("detail").path("eventID").asText();
        String eventId = StableIds.of("aws.cloudtrail", cloudTrailEventId);
        TopicTail events = tail(Topics.EVENTS);
        TopicTail alerts = tail(Topics.ALERTS);
        TopicTail deliveries = tail(Topics.DELIVERIES);
        int mailsBefore = stack.smtp().receivedMessagesTo(VigilStack.SECURITY_EMAIL).size();

        // When
        stack.sqs().client().sendMessage(b -> b.queueUrl(stack.ingestQueueUrl()).messageBody(body));

        // Then: ingest published the normalized event and deleted the message
        ConsumerRecord<String, byte[]> eventRecord = events.await(1, WAIT).get(0);
        NormalizedEvent event = ContractJson.read(eventRecord.value(), NormalizedEvent.class);
        assertThat(eventRecord.key()).isEqualTo("111122223333");
        assertThat(event.id()).isEqualTo(eventId);
        assertThat(event.operation()).isEqualTo("StopLogging");
        awaitIngestQueueEmpty();

        // Then: rules raised CloudWatch.5 with the event
        ConsumerRecord<String, byte[]> alertRecord = alerts.await(1, WAIT).get(0);
        Alert alert = ContractJson.read(alertRecord.value(), Alert.class);
        assertThat(alertRecord.key()).isEqualTo(alert.fingerprint());
        assertThat(alert.ruleId()).isEqualTo(CIS_CLOUDTRAIL_CHANGES_RULE);
        assertThat(alert.controls()).contains("SecurityHub:CloudWatch.5");
        assertThat(alert.events()).extracting(NormalizedEvent::id).containsExactly(eventId);

        // Then: notify sent one e-mail and one SNS message, and recorded both deliveries
        List<ConsumerRecord<String, byte[]>> deliveryRecords = deliveries.await(2, WAIT);
        List<Delivery> delivered = deliveryRecords.stream()
                .map(record -> ContractJson.read(record.value(), Delivery.class)).toList();
        assertThat(deliveryRecords).extracting(ConsumerRecord::key).containsOnly(alert.id());
        assertThat(delivered).extracting(Delivery::receiver)
                .containsExactlyInAnyOrder("security-email", "security-sns");
        assertThat(delivered).extracting(Delivery::outcome).containsOnly(DeliveryOutcome.DELIVERED);

        List<MimeMessage> mails = stack.smtp().receivedMessagesTo(VigilStack.SECURITY_EMAIL);
        assertThat(mails).hasSize(mailsBefore + 1);
        MimeMessage mail = mails.get(mails.size() - 1);
        assertThat(mail.getSubject()).contains(alert.ruleTitle());
        String mailText = Mails.text(mail);
        assertThat(mailText).contains("arn:aws:iam::111122223333:user/alice", "StopLogging", "203.0.113.7",
                "111122223333", "us-east-1");

        Message sns = awaitSnsMessageAbout(alert.id());
        JsonNode envelope = ContractJson.read(sns.body(), JsonNode.class);
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(stack.snsTopicArn());
        assertThat(envelope.path("MessageAttributes").path("ruleId").path("Value").asText())
                .isEqualTo(CIS_CLOUDTRAIL_CHANGES_RULE);

        // Then: audit stored the event, the alert and both deliveries and returns them
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(audit("/api/v1/evidence/event/" + eventId).path("payload").path("id").asText())
                    .isEqualTo(eventId);
            assertThat(audit("/api/v1/evidence/alert/" + alert.id()).path("payload").path("ruleId").asText())
                    .isEqualTo(CIS_CLOUDTRAIL_CHANGES_RULE);
            JsonNode stored = audit("/api/v1/evidence?kind=delivery&key=" + alert.id());
            Set<String> ids = ids(stored);
            assertThat(ids).isEqualTo(delivered.stream().map(Delivery::id).collect(Collectors.toSet()));
        });
    }

    @Test
    void benignEventProducesNoAlert() {
        // Given: a CloudWatch.5 event for the same account follows the benign one on the same partition, so when its
        // alert arrives the benign event has been evaluated too
        String benign = Samples.fresh(Samples.DESCRIBE_INSTANCES, Instant.now());
        String follower = Samples.fresh(Samples.STOP_LOGGING, Instant.now());
        TopicTail alerts = tail(Topics.ALERTS);

        // When
        stack.sqs().client().sendMessage(b -> b.queueUrl(stack.ingestQueueUrl()).messageBody(benign));
        stack.sqs().client().sendMessage(b -> b.queueUrl(stack.ingestQueueUrl()).messageBody(follower));

        // Then
        List<ConsumerRecord<String, byte[]>> raised = alerts.await(1, WAIT);
        Alert alert = ContractJson.read(raised.get(0).value(), Alert.class);
        assertThat(alert.ruleId()).isEqualTo(CIS_CLOUDTRAIL_CHANGES_RULE);
        assertThat(alert.events()).extracting(NormalizedEvent::operation).containsExactly("StopLogging");
    }

    @Test
    void bodyThatIsNotJsonIsDeadLetteredAndThenDeleted() {
        // Given
        TopicTail deadLetters = tail(Topics.INGEST_DLQ);
        String body = Samples.read(Samples.NOT_JSON);

        // When
        String messageId = stack.sqs().client()
                .sendMessage(b -> b.queueUrl(stack.ingestQueueUrl()).messageBody(body)).messageId();

        // Then
        ConsumerRecord<String, byte[]> record = deadLetters.await(1, WAIT).get(0);
        DeadLetter deadLetter = ContractJson.read(record.value(), DeadLetter.class);
        assertThat(record.key()).isEqualTo(messageId);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(deadLetter.raw()).isEqualTo(body);
        awaitIngestQueueEmpty();
    }

    @Test
    void bodyOverTheSizeLimitIsDeadLetteredAndThenDeleted() {
        // Given: the default limit is 256 KiB, what EventBridge allows
        TopicTail deadLetters = tail(Topics.INGEST_DLQ);
        String body = "{\"detail\":\"" + "A".repeat(300 * 1024) + "\"}";

        // When
        String messageId = stack.sqs().client()
                .sendMessage(b -> b.queueUrl(stack.ingestQueueUrl()).messageBody(body)).messageId();

        // Then
        ConsumerRecord<String, byte[]> record = deadLetters.await(1, WAIT).get(0);
        DeadLetter deadLetter = ContractJson.read(record.value(), DeadLetter.class);
        assertThat(record.key()).isEqualTo(messageId);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(deadLetter.rawSizeBytes()).isEqualTo(body.length());
        assertThat(deadLetter.raw()).isEqualTo(body);
        awaitIngestQueueEmpty();
    }

    @Test
    void auditApiRejectsRequestsWithoutAToken() throws Exception {
        // When
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.service("audit").baseUrl() + "/api/v1/evidence")).build(),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static TopicTail tail(String topic) {
        return TopicTail.mark(stack.kafka().bootstrapServers(), topic);
    }

    private static void awaitIngestQueueEmpty() {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<QueueAttributeName, String> attributes = stack.sqs().client().getQueueAttributes(b -> b
                    .queueUrl(stack.ingestQueueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
            assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("0");
        });
    }

    /** Reads the SNS inbox queue until the notification for {@code alertId} arrives; other messages are dropped. */
    private static Message awaitSnsMessageAbout(String alertId) {
        return await().atMost(WAIT).until(() -> {
            List<Message> messages = stack.fauxqs().sqsClient().receiveMessage(b -> b
                    .queueUrl(stack.alertsInboxQueueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            Message found = null;
            for (Message message : messages) {
                stack.fauxqs().sqsClient().deleteMessage(b -> b.queueUrl(stack.alertsInboxQueueUrl())
                        .receiptHandle(message.receiptHandle()));
                if (message.body().contains(alertId)) {
                    found = message;
                }
            }
            return found;
        }, message -> message != null);
    }

    private static JsonNode audit(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.service("audit").baseUrl() + path))
                .header("Authorization", "Bearer " + auditorToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return ContractJson.read(response.body(), JsonNode.class);
    }

    private static Set<String> ids(JsonNode list) {
        JsonNode items = list.isArray() ? list : list.path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.path("id").asText())
                .collect(Collectors.toSet());
    }
}
