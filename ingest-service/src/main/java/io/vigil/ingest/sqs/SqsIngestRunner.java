package io.vigil.ingest.sqs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.ingest.StartupOrder;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.publish.IngestPublisher;
import io.vigil.ingest.publish.PublishConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts the configured pollers when the application starts (after the topics exist) and stops them gracefully:
 * in-flight batches finish, bounded by {@code vigil.ingest.sqs.shutdown-timeout}.
 */
@ApplicationScoped
public class SqsIngestRunner {

    private static final Logger LOGGER = Logger.getLogger(SqsIngestRunner.class);

    private final SqsConfig config;
    private final SqsClient sqs;
    private final SqsBatchHandler handler;
    private final IngestMetrics metrics;
    private final List<SqsQueuePoller> pollers = new ArrayList<>();
    private ExecutorService executor;

    public SqsIngestRunner(SqsConfig config, PublishConfig publishConfig, SqsClient sqs, Intake intake,
            IngestPublisher publisher, IngestMetrics metrics, Clock clock) {
        if (config.batchSize() < 1 || config.batchSize() > 10) {
            throw new IllegalArgumentException("vigil.ingest.sqs.batch-size must be between 1 and 10, was "
                    + config.batchSize());
        }
        if (config.waitTime().toSeconds() > 20) {
            throw new IllegalArgumentException("vigil.ingest.sqs.wait-time must be at most 20s, was "
                    + config.waitTime());
        }
        this.config = config;
        this.sqs = sqs;
        this.metrics = metrics;
        this.handler = new SqsBatchHandler(sqs, intake, publisher, metrics, clock, config.maxReceives(),
                publishConfig.ackTimeout());
    }

    void start(@Observes @Priority(StartupOrder.POLLERS) StartupEvent startup) {
        if (config.queues().isEmpty()) {
            LOGGER.warn("No SQS queues configured (vigil.ingest.sqs.queues.<name>.url); nothing will be ingested");
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "vigil-sqs-poller-" + threads.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        });
        config.queues().forEach((name, queue) -> {
            if (queue.concurrency() < 1) {
                throw new IllegalArgumentException("vigil.ingest.sqs.queues." + name
                        + ".concurrency must be at least 1, was " + queue.concurrency());
            }
            for (int i = 0; i < queue.concurrency(); i++) {
                SqsQueuePoller poller = new SqsQueuePoller(name, queue.url(), sqs, handler, metrics,
                        config.waitTime(), config.batchSize(), config.errorBackoff());
                pollers.add(poller);
                executor.execute(poller);
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
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
    }
}
