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
import io.vigil.ingest.publish.KafkaIngestPublisher;
import io.vigil.ingest.publish.ProducerFactory;
import io.vigil.ingest.publish.PublishConfig;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.samples.Samples;
import io.vigil.localinfra.sqs.LocalSqs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS going away and coming back: the poller keeps trying with a pause and resumes by itself. */
class SqsOutageTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void pollerResumesByItselfWhenSqsComesBack() throws Exception {
        // Given: a poller on its own ElasticMQ, which then stops
        String bootstrap = LocalKafka.shared().bootstrapServers();
        new TopicProvisioner(new TopicSettings(1, (short) 1, 1, Duration.ofDays(1), 30))
                .ensure(Map.of("bootstrap.servers", bootstrap), List.of(Topics.EVENTS, Topics.INGEST_DLQ));
        String queueName = "ingest-sqs-outage-" + UUID.randomUUID();
        LocalSqs first = LocalSqs.start();
        int port = URI.create(first.endpoint()).getPort();
        String queueUrl = first.createQueue(queueName);
        try (SqsClient sqs = first.client();
                Producer<String, byte[]> producer = new KafkaProducer<>(ProducerFactory.producerProperties(
                        Map.of("bootstrap.servers", bootstrap), publishConfig()))) {
            IngestMetrics metrics = new IngestMetrics(meters);
            SqsBatchHandler handler = new SqsBatchHandler(sqs, new Intake(IntakeLimits.defaults(), true,
                    Clock.systemUTC(), new SourceClassifier(), SourceNormalizers.create(), null),
                    new KafkaIngestPublisher(producer, false), metrics, Clock.systemUTC(), 5, Duration.ofSeconds(10),
                    null);
            SqsQueuePoller poller = new SqsQueuePoller("outage", queueUrl, sqs, handler, metrics, null,
                    Duration.ofSeconds(1), 10, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1));
            Thread thread = new Thread(poller);
            thread.start();
            first.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> counter("vigil.ingest.sqs.errors") >= 2);
            TopicTail events = TopicTail.mark(bootstrap, Topics.EVENTS);

            // When: SQS is back where it was, with the queue
            try (LocalSqs second = LocalSqs.start(port)) {
                second.createQueue(queueName);
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Samples.read(Samples.STOP_LOGGING)
                        .replace("3f1c2b7a-0d5e-4c4e-9a53-7b8f2d1e6a90", UUID.randomUUID().toString())));

                // Then
                NormalizedEvent event = ContractJson.read(events.await(1, Duration.ofSeconds(30)).get(0).value(),
                        NormalizedEvent.class);
                assertThat(event.operation()).isEqualTo("StopLogging");
                assertThat(thread.isAlive()).isTrue();
                poller.stop();
                thread.join(Duration.ofSeconds(10));
            }
        }
    }

    private double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static PublishConfig publishConfig() {
        return new PublishConfig() {
            @Override
            public Duration ackTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration maxBlock() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
