package io.vigil.ingest.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.localinfra.samples.Samples;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.normalize.SourceNormalizers;
import io.vigil.ingest.publish.KafkaIngestPublisher;
import io.vigil.ingest.publish.ProducerFactory;
import io.vigil.ingest.publish.PublishConfig;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.sqs.LocalSqs;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    @BeforeAll
    static void createTopics() {
        new TopicProvisioner(new TopicSettings(1, (short) 1, 1, Duration.ofDays(1), 30))
                .ensure(Map.of("bootstrap.servers", LocalKafka.shared().bootstrapServers()),
                        List.of(Topics.EVENTS, Topics.INGEST_DLQ));
    }

    @AfterEach
    void closeProducers() {
        producers.forEach(Producer::close);
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

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

}
