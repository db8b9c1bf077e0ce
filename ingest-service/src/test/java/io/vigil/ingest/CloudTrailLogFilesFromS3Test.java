package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.StableIds;
import io.vigil.contract.Topics;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.SqsTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The S3 path end to end: a gzipped CloudTrail log file in an S3 emulator (fauxqs), its object-created
 * notification on the queue, one normalized event per record on Kafka; digest files forwarded for audit.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SqsTestResource.class)
@WithTestResource(IngestQueueTestResource.class)
@WithTestResource(IngestS3TestResource.class)
class CloudTrailLogFilesFromS3Test {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUCKET = "org-trail-logs";

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "vigil.ingest.sqs.queues.main.url")
    String queueUrl;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeAll
    static void createBucket() {
        try (S3Client s3 = LocalFauxqs.shared().s3Client()) {
            if (s3.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(BUCKET))) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
        }
    }

    @Test
    void logFileNamedByAnS3NotificationYieldsOneEventPerRecordWithTheRecordAsRaw() {
        // Given
        List<JsonNode> records = freshRecords();
        String key = logKey();
        put(key, gzip(ContractJson.write(Map.of("Records", records))));
        TopicTail events = TopicTail.mark(bootstrapServers, Topics.EVENTS);
        TopicTail deadLetters = TopicTail.mark(bootstrapServers, Topics.INGEST_DLQ);

        // When
        String messageId = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(s3Notification(key))).messageId();

        // Then
        List<NormalizedEvent> published = read(events.await(4, WAIT));
        assertThat(published).extracting(NormalizedEvent::sourceEventId)
                .containsExactlyInAnyOrderElementsOf(records.stream().map(r -> r.path("eventID").asText()).toList());
        for (NormalizedEvent event : published) {
            JsonNode record = records.stream()
                    .filter(r -> r.path("eventID").asText().equals(event.sourceEventId())).findFirst().orElseThrow();
            assertThat(event.raw()).isEqualTo(record);
            assertThat(event.id()).isEqualTo(StableIds.of("aws.cloudtrail", event.sourceEventId()));
            assertThat(event.origin()).isEqualTo(new Origin("s3", "s3://" + BUCKET + "/" + key, messageId));
        }
        assertThat(published).filteredOn(e -> e.operation().equals("PutBucketPolicy")).singleElement()
                .satisfies(e -> assertThat(e.actor().invokedBy()).isEqualTo("cloudformation.amazonaws.com"));
        awaitQueueEmpty();
        deadLetters.await(0, Duration.ZERO);
    }

    @Test
    void digestFileNamedByAnEventBridgeObjectCreatedEventIsForwardedForAuditNotSplit() {
        // Given
        String key = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/23/111122223333_CloudTrail-Digest_"
                + "us-east-1_org-trail_us-east-1_" + UUID.randomUUID() + ".json.gz";
        byte[] digest = resource("cloudtrail-digest-file.json");
        put(key, gzip(digest));
        TopicTail events = TopicTail.mark(bootstrapServers, Topics.EVENTS);

        // When
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(eventBridgeObjectCreated(key)));

        // Then
        NormalizedEvent event = read(events.await(1, WAIT)).get(0);
        assertThat(event.sourceKind()).isEqualTo("aws.cloudtrail.digest");
        assertThat(event.eventClass()).isEqualTo(EventClass.OTHER);
        assertThat(event.sourceEventId()).isEqualTo("s3://" + BUCKET + "/" + key);
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.raw()).isEqualTo(ContractJson.read(digest, JsonNode.class));
        awaitQueueEmpty();
    }

    @Test
    void malformedRecordInALogFileGoesToTheDeadLetterTopicAloneWhileTheOthersBecomeEvents() {
        // Given
        List<JsonNode> records = freshRecords();
        ((ObjectNode) records.get(1)).remove("eventID");
        String key = logKey();
        put(key, gzip(ContractJson.write(Map.of("Records", records))));
        TopicTail events = TopicTail.mark(bootstrapServers, Topics.EVENTS);
        TopicTail deadLetters = TopicTail.mark(bootstrapServers, Topics.INGEST_DLQ);

        // When
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(s3Notification(key)));

        // Then
        assertThat(read(events.await(3, WAIT))).extracting(NormalizedEvent::operation)
                .containsExactlyInAnyOrder("PutBucketPolicy", "ListBuckets", "DeleteFlowLogs");
        DeadLetter deadLetter = ContractJson.read(deadLetters.await(1, WAIT).get(0).value(), DeadLetter.class);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.INVALID_SHAPE);
        assertThat(deadLetter.detail()).isEqualTo("s3://" + BUCKET + "/" + key
                + " record 1: required field 'detail.eventID' is missing");
        assertThat(ContractJson.read(deadLetter.raw(), JsonNode.class)).isEqualTo(records.get(1));
        assertThat(deadLetter.origin().location()).isEqualTo("s3://" + BUCKET + "/" + key);
        awaitQueueEmpty();
    }

    @Test
    void recordSeenThroughEventBridgeAndAgainInTheLogFileYieldsOneEvent() {
        // Given: EventBridge delivered one of the records minutes before CloudTrail wrote the log file
        List<JsonNode> records = freshRecords();
        ObjectNode envelope = (ObjectNode) ContractJson.read(resource("cloudtrail-root-invoked-by-service.json"),
                JsonNode.class);
        envelope.set("detail", records.get(0));
        TopicTail events = TopicTail.mark(bootstrapServers, Topics.EVENTS);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(ContractJson.writeString(envelope)));
        events.await(1, WAIT);
        String key = logKey();
        put(key, gzip(ContractJson.write(Map.of("Records", records))));
        TopicTail afterFirst = TopicTail.mark(bootstrapServers, Topics.EVENTS);

        // When
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(s3Notification(key)));

        // Then
        assertThat(read(afterFirst.await(3, WAIT))).extracting(NormalizedEvent::sourceEventId)
                .doesNotContain(records.get(0).path("eventID").asText());
        awaitQueueEmpty();
    }

    private static List<JsonNode> freshRecords() {
        JsonNode file = ContractJson.read(resource("cloudtrail-log-file-records.json"), JsonNode.class);
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode record : (ArrayNode) file.path("Records")) {
            ObjectNode copy = record.deepCopy();
            copy.put("eventID", UUID.randomUUID().toString());
            records.add(copy);
        }
        return records;
    }

    private static String logKey() {
        return "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/111122223333_CloudTrail_us-east-1_20261123T0850Z_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + ".json.gz";
    }

    /** The S3 event-notification format; keys are URL-encoded there. */
    private static String s3Notification(String key) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                  "eventTime":"2026-11-23T08:55:02.123Z","eventName":"ObjectCreated:Put",
                  "userIdentity":{"principalId":"AWS:AROAEXAMPLE:regionalDeliverySession"},
                  "requestParameters":{"sourceIPAddress":"10.0.0.1"},"responseElements":{"x-amz-request-id":"C3D13FE58DE4C810"},
                  "s3":{"s3SchemaVersion":"1.0","configurationId":"cloudtrail-logs","bucket":{"name":"%s",
                    "ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::%s"},
                    "object":{"key":"%s","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}]}
                """
                .formatted(BUCKET, BUCKET, key.replace(":", "%3A"));
    }

    private static String eventBridgeObjectCreated(String key) {
        return """
                {"version":"0","id":"%s","detail-type":"Object Created","source":"aws.s3","account":"111122223333",
                 "time":"2026-11-23T09:00:05Z","region":"us-east-1","resources":["arn:aws:s3:::%s"],
                 "detail":{"version":"0","bucket":{"name":"%s"},"object":{"key":"%s","size":2048,
                   "etag":"b1946ac92492d2347c6235b4d2611184","sequencer":"00617F08299329D189"},
                   "request-id":"N4N7GDK58NMKJ12R","requester":"cloudtrail.amazonaws.com","source-ip-address":"10.0.0.1",
                   "reason":"PutObject"}}
                """
                .formatted(UUID.randomUUID(), BUCKET, BUCKET, key);
    }

    private static void put(String key, byte[] content) {
        try (S3Client s3 = LocalFauxqs.shared().s3Client()) {
            s3.putObject(b -> b.bucket(BUCKET).key(key).contentEncoding("gzip"), RequestBody.fromBytes(content));
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = CloudTrailLogFilesFromS3Test.class.getResourceAsStream("/sources/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<NormalizedEvent> read(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> ContractJson.read(r.value(), NormalizedEvent.class))
                .sorted(Comparator.comparing(NormalizedEvent::sourceEventId)).toList();
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
