package io.vigil.ingest.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.normalize.SourceNormalizers;
import io.vigil.ingest.publish.KafkaAvailability;
import io.vigil.ingest.publish.KafkaIngestPublisher;
import io.vigil.ingest.publish.ProducerFactory;
import io.vigil.ingest.publish.PublishConfig;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.samples.Samples;
import io.vigil.localinfra.sqs.LocalSqs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Kafka stopped while messages arrive: nothing is deleted from SQS, the poller stops receiving instead of
 * buffering, and once the broker is back every message is delivered once, with nobody restarting anything.
 */
class KafkaOutageTest {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    private final SqsClient sqs = LocalSqs.shared().client();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void messagesArrivingWhileKafkaIsStoppedStayInSqsAndAreDeliveredOnceItIsBack() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            // Given
            String bootstrap = kafka.bootstrapServers();
            new TopicProvisioner(new TopicSettings(1, (short) 1, 1, Duration.ofDays(1), 30))
                    .ensure(Map.of("bootstrap.servers", bootstrap), List.of(Topics.EVENTS, Topics.INGEST_DLQ));
            String queueUrl = LocalSqs.shared().createQueue("ingest-outage-" + UUID.randomUUID());
            TopicTail events = TopicTail.mark(bootstrap, Topics.EVENTS);
            SqsQueuePoller poller;
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try (Producer<String, byte[]> producer = new KafkaProducer<>(ProducerFactory.producerProperties(
                    Map.of("bootstrap.servers", bootstrap), publishConfig()));
                    KafkaAvailability availability = new KafkaAvailability(Map.of("bootstrap.servers", bootstrap),
                            List.of(Topics.EVENTS, Topics.INGEST_DLQ))) {
                Intake intake = new Intake(IntakeLimits.defaults(), true, Clock.systemUTC(), new SourceClassifier(),
                        SourceNormalizers.create(), null);
                IngestMetrics metrics = new IngestMetrics(meters);
                SqsBatchHandler handler = new SqsBatchHandler(sqs, intake, new KafkaIngestPublisher(producer, false),
                        metrics, Clock.systemUTC(), 3, ACK_TIMEOUT, null);
                poller = new SqsQueuePoller("outage", queueUrl, sqs, handler, metrics, availability,
                        Duration.ofSeconds(1), 10, Duration.ofSeconds(2), Duration.ofMillis(100),
                        Duration.ofSeconds(1));
                // the producer has fetched metadata once, as a running service would have
                producer.partitionsFor(Topics.EVENTS);
                kafka.stopBroker();
                thread.execute(poller);

                // When
                for (String sample : List.of(Samples.STOP_LOGGING, Samples.DESCRIBE_INSTANCES,
                        Samples.ROOT_CREATE_ACCESS_KEY, Samples.SECURITY_GROUP_INGRESS, Samples.S3_ACCESS_DENIED)) {
                    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Samples.read(sample)));
                }

                // Then: while Kafka is down nothing is deleted and the poller pauses instead of re-receiving
                await().atMost(Duration.ofSeconds(20)).until(() -> counter("vigil.ingest.kafka.pauses") >= 1);
                await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
                        .untilAsserted(() -> assertThat(messagesInQueue(queueUrl)).isEqualTo(5));
                assertThat(counter("vigil.ingest.kafka.pauses")).isEqualTo(1.0);
                assertThat(meters.find("vigil.ingest.messages").tag("outcome", "published").counter()).isNull();

                kafka.restartBroker();

                List<NormalizedEvent> delivered = events.await(5, Duration.ofSeconds(60)).stream()
                        .map(record -> ContractJson.read(record.value(), NormalizedEvent.class)).toList();
                assertThat(delivered).extracting(NormalizedEvent::operation).containsExactlyInAnyOrder(
                        "StopLogging", "DescribeInstances", "CreateAccessKey", "AuthorizeSecurityGroupIngress",
                        "GetBucketPolicy");
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(messagesInQueue(queueUrl)).isZero());
            } finally {
                thread.shutdownNow();
                thread.awaitTermination(10, TimeUnit.SECONDS);
            }
            poller.stop();
        }
    }

    private double counter(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private int messagesInQueue(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static PublishConfig publishConfig() {
        return new PublishConfig() {
            @Override
            public Duration ackTimeout() {
                return ACK_TIMEOUT;
            }

            @Override
            public Duration maxBlock() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
