package io.vigil.bench.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.dedup.DedupStream;
import io.vigil.ingest.dedup.DedupStreamsConfig;
import io.vigil.ingest.dedup.DedupTopology;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.normalize.SourceNormalizers;
import io.vigil.ingest.publish.KafkaIngestPublisher;
import io.vigil.ingest.publish.ProducerFactory;
import io.vigil.ingest.publish.PublishConfig;
import io.vigil.ingest.sqs.IngestMetrics;
import io.vigil.ingest.sqs.SqsBatchHandler;
import io.vigil.ingest.sqs.SqsQueuePoller;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.sqs.LocalSqs;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Events per second from SQS to Kafka through the real ingest classes ({@link SqsQueuePoller},
 * {@link SqsBatchHandler}, {@link Intake}, {@link KafkaIngestPublisher}, and the {@link DedupTopology} stream) with
 * about 1 KB CloudTrail envelopes, against an embedded ElasticMQ and an embedded Kafka broker, next to two raw
 * baselines measured in the same run: a bare SQS receive+delete loop (batches of 10, same thread count) and a bare
 * Kafka producer (the ingest producer settings) sending the same bytes.
 *
 * <p>Usage: {@code bin/vigil-bench run io.vigil.bench.ingest.IngestThroughput [messages] [threads]}.
 */
public final class IngestThroughput {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final String STREAMS_OVERRIDE = "vigil.bench.streams.";

    private final SqsClient sqs;
    private final String bootstrap;
    private final int threads;

    IngestThroughput(SqsClient sqs, String bootstrap, int threads) {
        this.sqs = sqs;
        this.bootstrap = bootstrap;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        LocalSqs sqsServer = LocalSqs.shared();
        LocalKafka kafka = LocalKafka.shared();
        try (SqsClient sqs = sqsServer.client()) {
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Result result = new IngestThroughput(sqs, kafka.bootstrapServers(), threads).run(messages);
            System.out.println(result.report());
            System.out.printf(Locale.ROOT,
                    "  load average (1 min) before %.1f, after %.1f; Kafka Streams overrides %s%n",
                    loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    streamsOverrides());
        }
        System.exit(0);
    }

    /** Runs the baselines and the pipeline (without and with de-duplication) over {@code messages} messages. */
    Result run(int messages) throws Exception {
        new TopicProvisioner(new TopicSettings(3, (short) 1, 1, Duration.ofHours(1), 30)).ensure(
                Map.of("bootstrap.servers", bootstrap),
                List.of(Topics.EVENTS, Topics.INGEST_DLQ, DedupTopology.CANDIDATES_TOPIC, "bench.kafka.baseline"));
        List<String> bodies = IngestSamples.distinctCloudTrailEnvelopes(messages);
        Phase sqsBaseline = bareSqs(bodies);
        Phase kafkaBaseline = bareKafka(bodies);
        Phase pipeline = pipeline(IngestSamples.distinctCloudTrailEnvelopes(messages), false);
        Phase pipelineWithDedup = pipeline(IngestSamples.distinctCloudTrailEnvelopes(messages), true);
        return new Result(messages, threads, bodies.get(0).getBytes(StandardCharsets.UTF_8).length, sqsBaseline,
                kafkaBaseline, pipeline, pipelineWithDedup);
    }

    /** Baseline 1: receive 10 and delete them, with {@code threads} loops, until the queue is drained. */
    private Phase bareSqs(List<String> bodies) throws Exception {
        String queueUrl = filledQueue(bodies);
        AtomicInteger done = new AtomicInteger();
        PhaseClock clock = PhaseClock.start();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            loops.add(CompletableFuture.runAsync(() -> {
                while (done.get() < bodies.size()) {
                    List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                            .waitTimeSeconds(1)).messages();
                    if (batch.isEmpty()) {
                        continue;
                    }
                    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                .receiptHandle(batch.get(i).receiptHandle()).build());
                    }
                    sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                    done.addAndGet(batch.size());
                }
            }, pool));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(DRAIN_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        Phase phase = clock.stop(done.get());
        pool.shutdown();
        return phase;
    }

    /** Baseline 2: the ingest producer settings, the same bytes, until every record is acknowledged. */
    private Phase bareKafka(List<String> bodies) throws Exception {
        try (Producer<String, byte[]> producer = new KafkaProducer<>(ProducerFactory.producerProperties(
                Map.of("bootstrap.servers", bootstrap), publishConfig()))) {
            producer.partitionsFor("bench.kafka.baseline");
            PhaseClock clock = PhaseClock.start();
            List<CompletableFuture<Void>> acks = new ArrayList<>(bodies.size());
            for (String body : bodies) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                producer.send(new ProducerRecord<>("bench.kafka.baseline", "111122223333",
                        body.getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                            if (error == null) {
                                ack.complete(null);
                            } else {
                                ack.completeExceptionally(error);
                            }
                        });
                acks.add(ack);
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(DRAIN_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
            return clock.stop(bodies.size());
        }
    }

    /**
     * The ingest pipeline: {@code threads} pollers until every message was published, acknowledged and deleted, and
     * (with de-duplication) every event reached {@code vigil.events.v1}.
     */
    private Phase pipeline(List<String> bodies, boolean dedup) throws Exception {
        String queueUrl = filledQueue(bodies);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(meters);
        Intake intake = new Intake(IntakeLimits.defaults(), true, Clock.systemUTC(), new SourceClassifier(),
                SourceNormalizers.create(), null);
        KafkaStreams streams = null;
        EventsCounter events = new EventsCounter(bootstrap);
        try (Producer<String, byte[]> producer = new KafkaProducer<>(ProducerFactory.producerProperties(
                Map.of("bootstrap.servers", bootstrap), publishConfig()))) {
            if (dedup) {
                Properties streamsConfig = DedupStreamsConfig.of(Map.of("bootstrap.servers", bootstrap),
                        "bench-dedup-" + UUID.randomUUID(), Files.createTempDirectory("bench-dedup").toString(), 1, 1,
                        DedupStreamsConfig.DEFAULT_COMMIT_INTERVAL);
                streamsConfig.putAll(streamsOverrides());
                streams = new KafkaStreams(DedupTopology.build(Duration.ofHours(1), id -> {
                }), streamsConfig);
                streams.start();
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
            }
            producer.partitionsFor(dedup ? DedupTopology.CANDIDATES_TOPIC : Topics.EVENTS);
            SqsBatchHandler handler = new SqsBatchHandler(sqs, intake, new KafkaIngestPublisher(producer, dedup),
                    metrics, Clock.systemUTC(), 5, Duration.ofSeconds(30), null);
            List<SqsQueuePoller> pollers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            PhaseClock clock = PhaseClock.start();
            for (int t = 0; t < threads; t++) {
                SqsQueuePoller poller = new SqsQueuePoller("bench", queueUrl, sqs, handler, metrics, null,
                        Duration.ofSeconds(1), 10, Duration.ofSeconds(60), Duration.ofMillis(100),
                        Duration.ofSeconds(1));
                pollers.add(poller);
                pool.execute(poller);
            }
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            Counter published = meters.counter("vigil.ingest.messages", "queue", "bench", "outcome", "published");
            while ((published.count() < bodies.size() || events.count() < bodies.size())
                    && System.nanoTime() < deadline) {
                events.poll();
            }
            Phase phase = clock.stop(bodies.size());
            pollers.forEach(SqsQueuePoller::stop);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            if (published.count() < bodies.size() || events.count() < bodies.size()) {
                throw new IllegalStateException("pipeline delivered " + events.count() + " events of "
                        + bodies.size() + " within " + DRAIN_TIMEOUT);
            }
            return phase;
        } finally {
            events.close();
            if (streams != null) {
                DedupStream.closeLeavingGroup(streams);
            }
        }
    }

    /**
     * Kafka Streams settings to try instead of the service's, from system properties
     * {@code -Dvigil.bench.streams.<streams property>=<value>}, e.g.
     * {@code -Dvigil.bench.streams.commit.interval.ms=100} for Kafka Streams' own exactly-once default.
     */
    private static Properties streamsOverrides() {
        Properties overrides = new Properties();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(STREAMS_OVERRIDE))
                .forEach(name -> overrides.put(name.substring(STREAMS_OVERRIDE.length()), System.getProperty(name)));
        return overrides;
    }

    private String filledQueue(List<String> bodies) throws Exception {
        String queueUrl = sqs.createQueue(b -> b.queueName("bench-ingest-" + UUID.randomUUID())).queueUrl();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += 10) {
            List<String> slice = bodies.subList(from, Math.min(from + 10, bodies.size()));
            sends.add(CompletableFuture.runAsync(() -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < slice.size(); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                            .messageBody(slice.get(i)).build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            }, pool));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(DRAIN_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        pool.shutdown();
        return queueUrl;
    }

    private static PublishConfig publishConfig() {
        return new PublishConfig() {
            @Override
            public Duration ackTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration maxBlock() {
                return Duration.ofSeconds(10);
            }
        };
    }

    /** Counts records arriving on {@code vigil.events.v1} after it was created. */
    private static final class EventsCounter implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private long count;

        EventsCounter(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(info -> new TopicPartition(Topics.EVENTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        void poll() {
            count += consumer.poll(Duration.ofMillis(20)).count();
        }

        long count() {
            return count;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /**
     * One phase's figures.
     *
     * @param eventsPerSecond messages (= events) per second
     * @param cpuMicrosPerEvent CPU time of the whole process (pollers, ElasticMQ, the broker, the stream) per message,
     *        in microseconds: the cost, which the machine's load disturbs less than the wall-clock rate
     */
    record Phase(double eventsPerSecond, double cpuMicrosPerEvent) {
    }

    /** Wall-clock and process CPU time from the start of a phase. */
    private record PhaseClock(long startNanos, long startCpuNanos) {

        static PhaseClock start() {
            return new PhaseClock(System.nanoTime(), processCpuNanos());
        }

        Phase stop(long events) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return new Phase(events / seconds, (processCpuNanos() - startCpuNanos) / 1e3 / events);
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    /**
     * One run's figures, per phase.
     *
     * @param messages messages per phase
     * @param threads pollers / receive loops
     * @param bodyBytes size of one envelope
     * @param sqsBaseline bare SQS receive+delete
     * @param kafkaBaseline bare Kafka producer
     * @param pipeline ingest without de-duplication (SQS to {@code vigil.events.v1})
     * @param pipelineWithDedup ingest with the de-duplication stream (SQS to candidates to {@code vigil.events.v1})
     */
    record Result(int messages, int threads, int bodyBytes, Phase sqsBaseline, Phase kafkaBaseline, Phase pipeline,
            Phase pipelineWithDedup) {

        double slowerBaseline() {
            return Math.min(sqsBaseline.eventsPerSecond(), kafkaBaseline.eventsPerSecond());
        }

        String report() {
            return String.format(Locale.ROOT, """
                    ingest throughput, %d messages of %d bytes, %d threads (events/s; process CPU µs per event)
                      baseline bare SQS receive+delete (batch 10): %10.0f  (%6.0f µs)
                      baseline bare Kafka producer (acks=all):     %10.0f  (%6.0f µs)
                      ingest pipeline, de-duplication off:          %10.0f  (%6.0f µs) = %5.1f %% of the slower baseline
                      ingest pipeline, de-duplication on:           %10.0f  (%6.0f µs) = %5.1f %% of the slower baseline
                      target: >= 70 %% of the slower baseline""",
                    messages, bodyBytes, threads, sqsBaseline.eventsPerSecond(), sqsBaseline.cpuMicrosPerEvent(),
                    kafkaBaseline.eventsPerSecond(), kafkaBaseline.cpuMicrosPerEvent(), pipeline.eventsPerSecond(),
                    pipeline.cpuMicrosPerEvent(), 100 * pipeline.eventsPerSecond() / slowerBaseline(),
                    pipelineWithDedup.eventsPerSecond(), pipelineWithDedup.cpuMicrosPerEvent(),
                    100 * pipelineWithDedup.eventsPerSecond() / slowerBaseline());
        }
    }
}
