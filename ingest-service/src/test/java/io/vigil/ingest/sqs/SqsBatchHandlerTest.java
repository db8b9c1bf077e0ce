package io.vigil.ingest.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.localinfra.samples.Samples;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.intake.S3ObjectIntake;
import io.vigil.ingest.normalize.CloudTrailDigestNormalizer;
import io.vigil.ingest.normalize.CloudTrailNormalizer;
import io.vigil.ingest.normalize.ConfigItemChangeNormalizer;
import io.vigil.ingest.publish.IngestPublisher;
import io.vigil.ingest.s3.S3ObjectReader;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import io.vigil.ingest.normalize.SourceNormalizers;
import io.vigil.ingest.publish.KafkaIngestPublisher;
import io.vigil.ingest.publish.ProducerFactory;
import io.vigil.ingest.publish.PublishConfig;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.sqs.LocalSqs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQS → Kafka hand-off against a real ElasticMQ and a real Kafka broker, no Quarkus. */
class SqsBatchHandlerTest {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    private final SqsClient sqs = LocalSqs.shared().client();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Producer<String, byte[]>> producers = new ArrayList<>();
    private final List<S3Client> s3Clients = new ArrayList<>();

    @BeforeAll
    static void createTopics() {
        new TopicProvisioner(new TopicSettings(1, (short) 1, 1, Duration.ofDays(1), 30))
                .ensure(Map.of("bootstrap.servers", LocalKafka.shared().bootstrapServers()),
                        List.of(Topics.EVENTS, Topics.INGEST_DLQ));
    }

    @AfterEach
    void closeClients() {
        producers.forEach(Producer::close);
        s3Clients.forEach(S3Client::close);
    }

    @Test
    void shouldDeleteSqsMessageOnlyAfterKafkaAck() throws IOException {
        // Given
        String queueUrl = queue(1);
        send(queueUrl, Samples.read(Samples.STOP_LOGGING));
        SqsBatchHandler handler = handler(producerTo(unreachableBroker()), 5);
        List<Message> firstDelivery = receive(queueUrl, 1);

        // When
        handler.handle("test", queueUrl, firstDelivery);

        // Then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Message> again = receive(queueUrl, 1);
            assertThat(again).extracting(Message::messageId).containsExactly(firstDelivery.get(0).messageId());
        });
        assertThat(counter("vigil.ingest.messages", "outcome", "failed")).isEqualTo(1.0);
        assertThat(counter("vigil.ingest.messages", "outcome", "published")).isZero();
    }

    @Test
    void messageIsPublishedThenDeletedWhenKafkaAcknowledges() {
        // Given
        String queueUrl = queue(30);
        send(queueUrl, Samples.read(Samples.STOP_LOGGING));
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);

        // When
        handler(producerTo(LocalKafka.shared().bootstrapServers()), 5).handle("test", queueUrl, receive(queueUrl, 1));

        // Then
        List<ConsumerRecord<String, byte[]>> records = events.await(1, Duration.ofSeconds(15));
        NormalizedEvent event = ContractJson.read(records.get(0).value(), NormalizedEvent.class);
        assertThat(records.get(0).key()).isEqualTo("111122223333");
        assertThat(event.operation()).isEqualTo("StopLogging");
        assertThat(event.origin().location()).isEqualTo(queueUrl);
        assertThat(messagesInQueue(queueUrl)).isZero();
        assertThat(counter("vigil.ingest.messages", "outcome", "published")).isEqualTo(1.0);
    }

    @Test
    void messageReceivedMoreOftenThanTheLimitGoesToTheDeadLetterTopicWhole() {
        // Given
        String queueUrl = queue(1);
        String body = "{\"poison\": true}";
        send(queueUrl, body);
        receive(queueUrl, 1);
        List<Message> secondReceive = await().atMost(Duration.ofSeconds(10))
                .until(() -> receive(queueUrl, 1), messages -> !messages.isEmpty());
        TopicTail deadLetters = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.INGEST_DLQ);

        // When
        handler(producerTo(LocalKafka.shared().bootstrapServers()), 1).handle("test", queueUrl, secondReceive);

        // Then
        List<ConsumerRecord<String, byte[]>> records = deadLetters.await(1, Duration.ofSeconds(15));
        DeadLetter deadLetter = ContractJson.read(records.get(0).value(), DeadLetter.class);
        assertThat(records.get(0).key()).isEqualTo(secondReceive.get(0).messageId());
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.RECEIVE_LIMIT_EXCEEDED);
        assertThat(deadLetter.detail())
                .isEqualTo("received 2 times without reaching Kafka; the limit is 1 (vigil.ingest.sqs.max-receives)");
        assertThat(deadLetter.raw()).isEqualTo(body);
        assertThat(deadLetter.rawEncoding()).isEqualTo(DeadLetter.ENCODING_UTF8);
        assertThat(messagesInQueue(queueUrl)).isZero();
        assertThat(counter("vigil.ingest.dead.letters", "reason", "RECEIVE_LIMIT_EXCEEDED")).isEqualTo(1.0);
    }

    static Stream<Arguments> badInput() {
        String stopLogging = Samples.read(Samples.STOP_LOGGING);
        return Stream.of(
                Arguments.of(DeadLetterReason.TOO_LARGE, "{\"padding\":\"" + "x".repeat(9000) + "\"}"),
                Arguments.of(DeadLetterReason.INVALID_JSON, "{\"unterminated\": "),
                Arguments.of(DeadLetterReason.TOO_DEEP, "[".repeat(10) + "]".repeat(10)),
                Arguments.of(DeadLetterReason.FIELD_TOO_LONG, "{\"a\":\"" + "y".repeat(300) + "\"}"),
                Arguments.of(DeadLetterReason.UNSUPPORTED_SOURCE, "[\"an array is not an event\"]"),
                Arguments.of(DeadLetterReason.TOO_MANY_ITEMS, resource("securityhub-asff-three-findings.json")),
                Arguments.of(DeadLetterReason.INVALID_SHAPE, stopLogging.replace("\"eventID\"", "\"noEventID\"")),
                Arguments.of(DeadLetterReason.FUTURE_TIMESTAMP, stopLogging.replace(
                        "\"eventTime\": \"2026-11-23T09:14:58Z\"", "\"eventTime\": \"2099-01-01T00:00:00Z\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputGoesToTheDeadLetterTopicWithItsReasonAndOriginalBytesIsCountedPerReasonAndDeleted(
            DeadLetterReason reason, String body) {
        // Given: limits of 8 KiB, nesting 8, strings of 200 characters, 2 findings per message
        String queueUrl = queue(30);
        send(queueUrl, body);
        List<Message> batch = receive(queueUrl, 1);
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);
        TopicTail deadLetters = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.INGEST_DLQ);
        Intake strict = new Intake(new IntakeLimits(8192, 8, 200, 2, Duration.ofMinutes(15)), true,
                Clock.systemUTC(), new SourceClassifier(), SourceNormalizers.create(), null);
        SqsBatchHandler handler = new SqsBatchHandler(sqs, strict,
                new KafkaIngestPublisher(producerTo(LocalKafka.shared().bootstrapServers()), false),
                new IngestMetrics(meters), Clock.systemUTC(), 5, ACK_TIMEOUT, null);

        // When
        boolean acknowledged = handler.handle("test", queueUrl, batch);

        // Then
        assertThat(acknowledged).isTrue();
        ConsumerRecord<String, byte[]> record = deadLetters.await(1, Duration.ofSeconds(15)).get(0);
        DeadLetter deadLetter = ContractJson.read(record.value(), DeadLetter.class);
        assertThat(record.key()).isEqualTo(batch.get(0).messageId());
        assertThat(deadLetter.reason()).isEqualTo(reason);
        assertThat(deadLetter.raw()).isEqualTo(body);
        assertThat(deadLetter.rawEncoding()).isEqualTo(DeadLetter.ENCODING_UTF8);
        assertThat(deadLetter.rawSizeBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(deadLetter.origin()).isEqualTo(new Origin("sqs", queueUrl, batch.get(0).messageId()));
        events.await(0, Duration.ZERO);
        assertThat(messagesInQueue(queueUrl)).isZero();
        for (DeadLetterReason any : DeadLetterReason.values()) {
            assertThat(counter("vigil.ingest.dead.letters", "reason", any.name())).as("dead letters %s", any)
                    .isEqualTo(any == reason ? 1.0 : 0.0);
        }
        assertThat(counter("vigil.ingest.messages", "outcome", "dead_lettered")).isEqualTo(1.0);
    }

    @Test
    void logFileThatIsNotUtf8GoesToTheDeadLetterTopicAsInvalidUtf8WithItsNotification() throws IOException {
        // Given: a gzipped log file holding bytes that are not UTF-8, and its EventBridge Object Created event
        String queueUrl = queue(30);
        String bucket = LocalFauxqs.shared().createBucket("ingest-latin1-" + UUID.randomUUID());
        String key = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/latin1.json.gz";
        S3Client s3 = LocalFauxqs.shared().s3Client();
        s3Clients.add(s3);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(new byte[]{'{', '"', 'R', 'e', 'c', 'o', 'r', 'd', 's', '"', ':', '[', '"', (byte) 0xE9, '"',
                    ']', '}'});
        }
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(gzipped.toByteArray()));
        String body = "{\"version\":\"0\",\"id\":\"e2\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"account\":\"111122223333\",\"time\":\"2026-11-23T09:00:05Z\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\"" + key
                + "\"}}}";
        send(queueUrl, body);
        TopicTail deadLetters = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.INGEST_DLQ);

        // When
        s3Handler(producerTo(LocalKafka.shared().bootstrapServers()), 5).handle("test", queueUrl,
                receive(queueUrl, 1));

        // Then: the notification is kept (the object stays in S3), the detail names the object
        DeadLetter deadLetter = ContractJson.read(deadLetters.await(1, Duration.ofSeconds(15)).get(0).value(),
                DeadLetter.class);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.INVALID_UTF8);
        assertThat(deadLetter.detail()).startsWith("s3://" + bucket + "/" + key + ": input is not valid UTF-8");
        assertThat(deadLetter.raw()).isEqualTo(body);
        assertThat(messagesInQueue(queueUrl)).isZero();
        assertThat(counter("vigil.ingest.dead.letters", "reason", "INVALID_UTF8")).isEqualTo(1.0);
    }

    @Test
    void logFileThatCannotBeReadStaysInTheQueueThenGoesToTheDeadLetterTopicAfterTheReceiveLimit() {
        // Given: a notification for a log file that is not (yet) in the bucket
        String queueUrl = queue(1);
        String bucket = LocalFauxqs.shared().createBucket("ingest-missing-" + UUID.randomUUID());
        String body = "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"account\":\"111122223333\",\"time\":\"2026-11-23T09:00:05Z\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":"
                + "\"AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/missing.json.gz\"}}}";
        send(queueUrl, body);
        TopicTail deadLetters = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.INGEST_DLQ);
        SqsBatchHandler handler = s3Handler(producerTo(LocalKafka.shared().bootstrapServers()), 1);
        handler.handle("test", queueUrl, receive(queueUrl, 1));
        assertThat(counter("vigil.ingest.messages", "outcome", "retry")).isEqualTo(1.0);
        List<Message> again = await().atMost(Duration.ofSeconds(10))
                .until(() -> receive(queueUrl, 1), messages -> !messages.isEmpty());

        // When
        handler.handle("test", queueUrl, again);

        // Then
        DeadLetter deadLetter = ContractJson.read(deadLetters.await(1, Duration.ofSeconds(15)).get(0).value(),
                DeadLetter.class);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.RECEIVE_LIMIT_EXCEEDED);
        assertThat(deadLetter.raw()).isEqualTo(body);
        assertThat(messagesInQueue(queueUrl)).isZero();
    }

    @Test
    void securityHubMessageWithOneMalformedFindingPublishesTheOthersAndDeadLettersThatFindingAlone() {
        // Given: the second of three findings has no Id
        String queueUrl = queue(30);
        String body = resource("securityhub-asff-three-findings.json")
                .replaceFirst("\"Id\": \"arn:aws:guardduty[^\"]*\",", "");
        send(queueUrl, body);
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);
        TopicTail deadLetters = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.INGEST_DLQ);

        // When
        handler(producerTo(LocalKafka.shared().bootstrapServers()), 5).handle("test", queueUrl, receive(queueUrl, 1));

        // Then
        assertThat(events.await(2, Duration.ofSeconds(15))).hasSize(2);
        DeadLetter deadLetter = ContractJson.read(deadLetters.await(1, Duration.ofSeconds(15)).get(0).value(),
                DeadLetter.class);
        assertThat(deadLetter.reason()).isEqualTo(DeadLetterReason.INVALID_SHAPE);
        assertThat(deadLetter.raw()).contains("SSH brute force against i-0a1b2c3d4e5f67890")
                .doesNotContain("0d2a6f4e-3c2b-4f1a-9e8d-7c6b5a4f3e2d").doesNotContain("IAM.6");
        assertThat(messagesInQueue(queueUrl)).isZero();
        assertThat(counter("vigil.ingest.messages", "outcome", "published")).isEqualTo(1.0);
        assertThat(counter("vigil.ingest.dead.letters", "reason", "INVALID_SHAPE")).isEqualTo(1.0);
    }

    @Test
    void oversizedConfigItemWhoseFullItemIsMissingIsPublishedFromItsSummaryAtOnceAndCounted() {
        // Given: the bucket exists, the full item does not
        String queueUrl = queue(30);
        String bucket = LocalFauxqs.shared().createBucket("config-missing-" + UUID.randomUUID());
        send(queueUrl, resource("config-item-change-oversized.json").replace("config-bucket-111122223333/",
                bucket + "/"));
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);

        // When
        s3Handler(producerTo(LocalKafka.shared().bootstrapServers()), 5).handle("test", queueUrl,
                receive(queueUrl, 1));

        // Then
        NormalizedEvent event = ContractJson.read(events.await(1, Duration.ofSeconds(15)).get(0).value(),
                NormalizedEvent.class);
        assertThat(event.caveats()).singleElement().asString()
                .startsWith("config-item-summary-only: could not read s3://"
                        + bucket + "/");
        assertThat(messagesInQueue(queueUrl)).isZero();
        assertThat(counter("vigil.ingest.event.caveats", "caveat", "config-item-summary-only")).isEqualTo(1.0);
    }

    @Test
    void visibilityIsExtendedWhileABatchWaitsForKafkaSoNoOtherPollerReceivesIt() throws Exception {
        // Given: a 2 s visibility timeout and a Kafka acknowledgement that takes 5 s
        String queueUrl = queue(2);
        send(queueUrl, Samples.read(Samples.STOP_LOGGING));
        KafkaIngestPublisher kafka = new KafkaIngestPublisher(producerTo(LocalKafka.shared().bootstrapServers()),
                false);
        IngestPublisher slow = new IngestPublisher() {
            @Override
            public CompletableFuture<Void> publishEvents(List<NormalizedEvent> events) {
                return kafka.publishEvents(events).thenApplyAsync(done -> done,
                        CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS));
            }

            @Override
            public CompletableFuture<Void> publishDeadLetter(DeadLetter deadLetter) {
                return kafka.publishDeadLetter(deadLetter);
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        IngestMetrics metrics = new IngestMetrics(meters);
        SqsBatchHandler handler = new SqsBatchHandler(sqs, intake(null), slow, metrics, Clock.systemUTC(), 5,
                Duration.ofSeconds(10), new VisibilityExtender(sqs, scheduler, Duration.ofSeconds(2), metrics));
        List<Message> batch = receive(queueUrl, 1);

        // When
        CompletableFuture<Boolean> handled = CompletableFuture.supplyAsync(() -> handler.handle("test", queueUrl,
                batch));

        // Then
        List<Message> seenByOthers = new ArrayList<>();
        while (!handled.isDone()) {
            seenByOthers.addAll(receive(queueUrl, 1));
        }
        scheduler.shutdownNow();
        assertThat(handled.get()).isTrue();
        assertThat(seenByOthers).isEmpty();
        assertThat(counter("vigil.ingest.sqs.visibility.extensions", "queue", "test")).isGreaterThanOrEqualTo(2.0);
        assertThat(messagesInQueue(queueUrl)).isZero();
    }

    @Test
    void stoppingAPollerFinishesTheBatchInHandBeforeItReturns() throws Exception {
        // Given: a poller whose batch waits 3 s for Kafka
        String queueUrl = queue(30);
        send(queueUrl, Samples.read(Samples.STOP_LOGGING));
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);
        KafkaIngestPublisher kafka = new KafkaIngestPublisher(producerTo(LocalKafka.shared().bootstrapServers()),
                false);
        IngestPublisher slow = new IngestPublisher() {
            @Override
            public CompletableFuture<Void> publishEvents(List<NormalizedEvent> published) {
                return kafka.publishEvents(published).thenApplyAsync(done -> done,
                        CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
            }

            @Override
            public CompletableFuture<Void> publishDeadLetter(DeadLetter deadLetter) {
                return kafka.publishDeadLetter(deadLetter);
            }
        };
        IngestMetrics metrics = new IngestMetrics(meters);
        SqsQueuePoller poller = new SqsQueuePoller("test", queueUrl, sqs, new SqsBatchHandler(sqs, intake(null),
                slow, metrics, Clock.systemUTC(), 5, Duration.ofSeconds(10), null), metrics, null,
                Duration.ofSeconds(1), 10, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1));
        Thread thread = new Thread(poller);
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight(queueUrl) == 1);

        // When
        poller.stop();
        thread.join(Duration.ofSeconds(20));

        // Then
        assertThat(thread.isAlive()).isFalse();
        assertThat(messagesInQueue(queueUrl)).isZero();
        assertThat(events.await(1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(counter("vigil.ingest.messages", "outcome", "published")).isEqualTo(1.0);
    }

    @Test
    void messagesReceivedAfterAPollerWasStoppedAreReleasedAtOnceNotWorkedOn() throws Exception {
        // Given: a poller long-polling (5 s) an empty queue whose visibility timeout is 30 s
        String queueUrl = queue(30);
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);
        SqsQueuePoller poller = new SqsQueuePoller("test", queueUrl, sqs,
                handler(producerTo(LocalKafka.shared().bootstrapServers()), 5), new IngestMetrics(meters), null,
                Duration.ofSeconds(5), 10, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1));
        Thread thread = new Thread(poller);
        thread.start();
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(thread::isAlive);

        // When: it is stopped while it waits, and a message arrives before the receive returns
        poller.stop();
        send(queueUrl, Samples.read(Samples.STOP_LOGGING));
        thread.join(Duration.ofSeconds(10));

        // Then: the poller received it but gave it back: visible again at once (not after 30 s), not published
        assertThat(thread.isAlive()).isFalse();
        List<Message> again = receive(queueUrl, 1);
        assertThat(again).singleElement().satisfies(message -> assertThat(
                message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2"));
        events.await(0, Duration.ZERO);
        assertThat(meters.find("vigil.ingest.messages").counter()).isNull();
    }

    private int inFlight(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private SqsBatchHandler s3Handler(Producer<String, byte[]> producer, int maxReceives) {
        S3Client s3 = LocalFauxqs.shared().s3Client();
        s3Clients.add(s3);
        S3ObjectIntake s3Objects = new S3ObjectIntake(new S3ObjectReader(s3, 1024 * 1024),
                new CloudTrailNormalizer(), new CloudTrailDigestNormalizer(), new ConfigItemChangeNormalizer(),
                Clock.systemUTC());
        return new SqsBatchHandler(sqs, intake(s3Objects), new KafkaIngestPublisher(producer, false),
                new IngestMetrics(meters), Clock.systemUTC(), maxReceives, ACK_TIMEOUT, null);
    }

    private static Intake intake(S3ObjectIntake s3Objects) {
        return new Intake(IntakeLimits.defaults(), true, Clock.systemUTC(), new SourceClassifier(),
                SourceNormalizers.create(), s3Objects);
    }

    private SqsBatchHandler handler(Producer<String, byte[]> producer, int maxReceives) {
        Intake intake = new Intake(IntakeLimits.defaults(), true, Clock.systemUTC(), new SourceClassifier(),
                SourceNormalizers.create(), null);
        return new SqsBatchHandler(sqs, intake, new KafkaIngestPublisher(producer, false), new IngestMetrics(meters),
                Clock.systemUTC(), maxReceives, ACK_TIMEOUT, null);
    }

    private Producer<String, byte[]> producerTo(String bootstrapServers) {
        PublishConfig config = new PublishConfig() {
            @Override
            public Duration ackTimeout() {
                return ACK_TIMEOUT;
            }

            @Override
            public Duration maxBlock() {
                return Duration.ofSeconds(1);
            }
        };
        Producer<String, byte[]> producer = new KafkaProducer<>(
                ProducerFactory.producerProperties(Map.of("bootstrap.servers", bootstrapServers), config));
        producers.add(producer);
        return producer;
    }

    private static String unreachableBroker() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private String queue(int visibilityTimeoutSeconds) {
        String queueUrl = LocalSqs.shared().createQueue("ingest-handler-" + UUID.randomUUID());
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                Integer.toString(visibilityTimeoutSeconds))));
        return queueUrl;
    }

    private void send(String queueUrl, String body) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    private List<Message> receive(String queueUrl, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }

    private int messagesInQueue(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static String resource(String name) {
        try (InputStream in = SqsBatchHandlerTest.class.getResourceAsStream("/sources/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

}
