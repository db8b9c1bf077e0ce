package io.vigil.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.sqs.LocalSqs;
import java.util.Map;
import java.util.UUID;

/** Creates a fresh queue on the shared ElasticMQ and configures the service to poll it as queue {@code main}. */
public final class IngestQueueTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String queueUrl = LocalSqs.shared().createQueue("vigil-ingest-" + UUID.randomUUID());
        return Map.of("vigil.ingest.sqs.queues.main.url", queueUrl);
    }

    @Override
    public void stop() {
        // the queue dies with the shared server at JVM exit
    }
}
