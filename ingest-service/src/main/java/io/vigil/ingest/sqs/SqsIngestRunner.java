package io.vigil.ingest.sqs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vigil.contract.Topics;
import io.vigil.ingest.StartupOrder;
import io.vigil.ingest.dedup.DedupConfig;
import io.vigil.ingest.dedup.DedupTopology;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.publish.IngestPublisher;
import io.vigil.ingest.publish.KafkaAvailability;
import io.vigil.ingest.publish.PublishConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts the configured pollers when the application starts (after the topics and the de-duplication stream) and
 * stops them gracefully: in-flight batches finish, bounded by {@code vigil.ingest.sqs.shutdown-timeout}.
 */
@ApplicationScoped
public class SqsIngestRunner {

    private static final Logger LOGGER = Logger.getLogger(SqsIngestRunner.class);

    private final SqsConfig config;
    private final SqsClient sqs;
    private final IngestMetrics metrics;
    private final Intake intake;
    private final IngestPublisher publisher;
    private final PublishConfig publishConfig;
    private final Clock clock;
    private final Map<String, Object> kafkaConfig;
    private final DedupConfig dedup;
    private final List<SqsQueuePoller> pollers = new ArrayList<>();
    private ExecutorService executor;
    private ScheduledExecutorService visibilityScheduler;
    private KafkaAvailability kafka;

    public SqsIngestRunner(SqsConfig config, PublishConfig publishConfig, SqsClient sqs, Intake intake,
            IngestPublisher publisher, IngestMetrics metrics, Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DedupConfig dedup) {
        if (config.batchSize() < 1 || config.batchSize() > 10) {
            throw new IllegalArgumentException("vigil.ingest.sqs.batch-size must be between 1 and 10, was "
                    + config.batchSize());
        }
        if (config.waitTime().toSeconds() > 20) {
            throw new IllegalArgumentException("vigil.ingest.sqs.wait-time must be at most 20s, was "
                    + config.waitTime());
        }
        if (config.visibilityTimeout().toSeconds() < 2 || config.visibilityTimeout().toHours() >= 12) {
            throw new IllegalArgumentException("vigil.ingest.sqs.visibility-timeout must be from 2s to under 12h,"
                    + " was " + config.visibilityTimeout());
        }
        this.config = config;
        this.sqs = sqs;
        this.metrics = metrics;
        this.intake = intake;
        this.publisher = publisher;
        this.publishConfig = publishConfig;
        this.clock = clock;
        this.kafkaConfig = kafkaConfig;
        this.dedup = dedup;
    }

    void start(@Observes @Priority(StartupOrder.POLLERS) StartupEvent startup) {
        if (config.queues().isEmpty()) {
            LOGGER.warn("No SQS queues configured (vigil.ingest.sqs.queues.<name>.url); nothing will be ingested");
            return;
        }
        config.queues().forEach((name, queue) -> {
            if (queue.concurrency() < 1) {
                throw new IllegalArgumentException("vigil.ingest.sqs.queues." + name
                        + ".concurrency must be at least 1, was " + queue.concurrency());
            }
        });
        kafka = new KafkaAvailability(kafkaConfig,
                List.of(dedup.enabled() ? DedupTopology.CANDIDATES_TOPIC : Topics.EVENTS, Topics.INGEST_DLQ));
        visibilityScheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vigil-sqs-visibility");
            thread.setDaemon(true);
            return thread;
        });
        SqsBatchHandler handler = new SqsBatchHandler(sqs, intake, publisher, metrics, clock, config.maxReceives(),
                publishConfig.ackTimeout(),
                new VisibilityExtender(sqs, visibilityScheduler, config.visibilityTimeout(), metrics));
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "vigil-sqs-poller-" + threads.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        });
        config.queues().forEach((name, queue) -> {
            for (int i = 0; i < queue.concurrency(); i++) {
                SqsQueuePoller poller = new SqsQueuePoller(name, queue.url(), sqs, handler, metrics, kafka,
                        config.waitTime(), config.batchSize(), config.visibilityTimeout(), config.errorBackoff(),
                        config.kafkaRetryMaxBackoff());
                pollers.add(poller);
                executor.execute(poller);
            }
        });
    }

    void stop(@Observes @Priority(StartupOrder.POLLERS_STOP) ShutdownEvent shutdown) {
        if (executor == null) {
            return;
        }
        pollers.forEach(SqsQueuePoller::stop);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warnf("SQS pollers did not finish within %s; unfinished messages stay in SQS",
                        config.shutdownTimeout());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        visibilityScheduler.shutdownNow();
        kafka.close();
    }
}
