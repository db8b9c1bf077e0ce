package io.vigil.ingest.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.dedup.DedupConfig;
import io.vigil.ingest.dedup.DedupStreamsConfig;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.normalize.SourceNormalizers;
import io.vigil.ingest.publish.IngestPublisher;
import io.vigil.ingest.publish.KafkaIngestPublisher;
import io.vigil.ingest.publish.ProducerFactory;
import io.vigil.ingest.publish.PublishConfig;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.samples.Samples;
import io.vigil.localinfra.sqs.LocalSqs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The runner as the service starts it: several queues, each with its own number of pollers, against a real ElasticMQ
 * and a real Kafka broker; and its graceful shutdown. Kafka's acknowledgement is delayed so that batches stay in
 * flight long enough to be seen.
 */
class SqsIngestRunnerTest {

    private static final Duration ACK_DELAY = Duration.ofSeconds(2);

    private final SqsClient sqs = LocalSqs.shared().client();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final List<Producer<String, byte[]>> producers = new ArrayList<>();
    private final List<SqsIngestRunner> runners = new ArrayList<>();

    @BeforeAll
    static void createTopics() {
        new TopicProvisioner(new TopicSettings(1, (short) 1, 1, Duration.ofDays(1), 30))
                .ensure(Map.of("bootstrap.servers", LocalKafka.shared().bootstrapServers()),
                        List.of(Topics.EVENTS, Topics.INGEST_DLQ));
    }

    @AfterEach
    void stopEverything() {
        runners.forEach(runner -> runner.stop(null));
        sampler.shutdownNow();
        producers.forEach(Producer::close);
    }

    @Test
    void everyQueueIsPolledByItsConfiguredPollersEachHoldingAtMostTwoBatches() {
        // Given: queue eu with 3 pollers, queue us with 1, one message per receive
        String eu = LocalSqs.shared().createQueue("ingest-runner-eu-" + UUID.randomUUID());
        String us = LocalSqs.shared().createQueue("ingest-runner-us-" + UUID.randomUUID());
        Set<String> sent = new HashSet<>();
        sent.addAll(sendFresh(eu, 12));
        sent.addAll(sendFresh(us, 4));
        AtomicInteger maxInFlightEu = maxInFlight(eu);
        AtomicInteger maxInFlightUs = maxInFlight(us);
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);
        Map<String, SqsConfig.QueueConfig> queues = new LinkedHashMap<>();
        queues.put("eu", queue(eu, 3));
        queues.put("us", queue(us, 1));

        // When
        runner(queues).start(null);

        // Then: 3 × 2 and 1 × 2 messages in flight at once, never more; every message published once and deleted
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(maxInFlightEu.get()).isEqualTo(6);
            assertThat(maxInFlightUs.get()).isEqualTo(2);
        });
        assertThat(eventIds(events.await(16, Duration.ofSeconds(60)))).containsExactlyInAnyOrderElementsOf(sent);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(messagesInQueue(eu)).isZero();
            assertThat(messagesInQueue(us)).isZero();
        });
        assertThat(maxInFlightEu.get()).isEqualTo(6);
        assertThat(maxInFlightUs.get()).isEqualTo(2);
        assertThat(meters.find("vigil.ingest.messages").tag("queue", "eu").tag("outcome", "published").counter()
                .count()).isEqualTo(12.0);
        assertThat(meters.find("vigil.ingest.messages").tag("queue", "us").tag("outcome", "published").counter()
                .count()).isEqualTo(4.0);
    }

    @Test
    void stoppingTheRunnerFinishesTheBatchesInFlightAndLeavesTheOtherMessagesInTheQueue() {
        // Given: two pollers, each with two batches waiting for Kafka's acknowledgement
        String queueUrl = LocalSqs.shared().createQueue("ingest-runner-stop-" + UUID.randomUUID());
        List<String> sent = sendFresh(queueUrl, 20);
        TopicTail events = TopicTail.mark(LocalKafka.shared().bootstrapServers(), Topics.EVENTS);
        SqsIngestRunner runner = runner(Map.of("main", queue(queueUrl, 2)));
        runner.start(null);
        await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(queueUrl) == 4);

        // When
        runner.stop(null);
        runners.remove(runner);

        // Then: what was received is published and deleted, nothing twice; the rest waits in SQS, unreceived
        List<String> left = receiveAll(queueUrl);
        assertThat(left.size()).isLessThanOrEqualTo(16);
        List<String> published = eventIds(events.await(sent.size() - left.size(), Duration.ofSeconds(30)));
        assertThat(published).doesNotHaveDuplicates().doesNotContainAnyElementsOf(left);
        List<String> all = new ArrayList<>(published);
        all.addAll(left);
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(meters.find("vigil.ingest.messages").tag("outcome", "published").counter().count())
                .isEqualTo(published.size());
        assertThat(meters.find("vigil.ingest.messages").tag("outcome", "failed").counter()).isNull();
    }

    private SqsIngestRunner runner(Map<String, SqsConfig.QueueConfig> queues) {
        String bootstrap = LocalKafka.shared().bootstrapServers();
        Producer<String, byte[]> producer = new KafkaProducer<>(ProducerFactory.producerProperties(
                Map.of("bootstrap.servers", bootstrap), publishConfig()));
        producers.add(producer);
        Intake intake = new Intake(IntakeLimits.defaults(), true, Clock.systemUTC(), new SourceClassifier(),
                SourceNormalizers.create(), null);
        SqsIngestRunner runner = new SqsIngestRunner(sqsConfig(queues), publishConfig(), sqs, intake,
                slow(new KafkaIngestPublisher(producer, false)), new IngestMetrics(meters), Clock.systemUTC(),
                Map.of("bootstrap.servers", bootstrap), dedupOff());
        runners.add(runner);
        return runner;
    }

    /** Kafka's acknowledgement of events arrives {@link #ACK_DELAY} late. */
    private static IngestPublisher slow(IngestPublisher kafka) {
        return new IngestPublisher() {
            @Override
            public CompletableFuture<Void> publishEvents(List<NormalizedEvent> events) {
                return kafka.publishEvents(events).thenApplyAsync(done -> done,
                        CompletableFuture.delayedExecutor(ACK_DELAY.toMillis(), TimeUnit.MILLISECONDS));
            }

            @Override
            public CompletableFuture<Void> publishDeadLetter(DeadLetter deadLetter) {
                return kafka.publishDeadLetter(deadLetter);
            }
        };
    }

    /** @return the eventIDs of the messages sent */
    private List<String> sendFresh(String queueUrl, int count) {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = Samples.fresh(Samples.STOP_LOGGING, Instant.now());
            eventIds.add(eventIdOf(body));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
        return eventIds;
    }

    /** @return the eventIDs of every message still in the queue, received once (they stay in the queue) */
    private List<String> receiveAll(String queueUrl) {
        List<String> eventIds = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(60))
                    .messages();
            batch.forEach(message -> eventIds.add(eventIdOf(message.body())));
        } while (!batch.isEmpty());
        return eventIds;
    }

    private static String eventIdOf(String body) {
        return ContractJson.read(body, JsonNode.class).path("detail").path("eventID")
                .asText();
    }

    private static List<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> ContractJson.read(r.value(), NormalizedEvent.class).sourceEventId())
                .toList();
    }

    /** Samples the queue's in-flight count every 50 ms and keeps the highest. */
    private AtomicInteger maxInFlight(String queueUrl) {
        AtomicInteger max = new AtomicInteger();
        sampler.scheduleAtFixedRate(() -> max.accumulateAndGet(inFlight(queueUrl), Math::max), 0, 50,
                TimeUnit.MILLISECONDS);
        return max;
    }

    private int inFlight(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private int messagesInQueue(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static SqsConfig.QueueConfig queue(String url, int concurrency) {
        return new SqsConfig.QueueConfig() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public int concurrency() {
                return concurrency;
            }
        };
    }

    private static SqsConfig sqsConfig(Map<String, SqsConfig.QueueConfig> queues) {
        return new SqsConfig() {
            @Override
            public Map<String, QueueConfig> queues() {
                return queues;
            }

            @Override
            public Duration waitTime() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int batchSize() {
                return 1;
            }

            @Override
            public int maxReceives() {
                return 5;
            }

            @Override
            public Duration visibilityTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration kafkaRetryMaxBackoff() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration errorBackoff() {
                return Duration.ofMillis(100);
            }

            @Override
            public Duration shutdownTimeout() {
                return Duration.ofSeconds(20);
            }
        };
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

    private static DedupConfig dedupOff() {
        return new DedupConfig() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public Duration window() {
                return Duration.ofHours(6);
            }

            @Override
            public String applicationId() {
                return "vigil-ingest-dedup";
            }

            @Override
            public Duration commitInterval() {
                return DedupStreamsConfig.DEFAULT_COMMIT_INTERVAL;
            }

            @Override
            public String stateDir() {
                return "unused";
            }
        };
    }
}
