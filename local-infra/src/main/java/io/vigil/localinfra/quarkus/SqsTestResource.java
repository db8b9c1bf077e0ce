package io.vigil.localinfra.quarkus;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.sqs.LocalSqs;

/**
 * Points a {@code @QuarkusTest}'s SQS client at the JVM's shared {@link LocalSqs} (ElasticMQ).
 *
 * <p>Returns {@code quarkus.sqs.endpoint-override}, {@code quarkus.sqs.aws.region},
 * {@code quarkus.sqs.aws.credentials.type=static} and
 * {@code quarkus.sqs.aws.credentials.static-provider.access-key-id} / {@code .secret-access-key}. Tests create
 * queues and send messages with {@code LocalSqs.shared().createQueue(..)} and {@code LocalSqs.shared().client()}.
 * {@link #stop()} leaves the server running; a JVM shutdown hook stops it.
 */
public final class SqsTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalSqs sqs = LocalSqs.shared();
        return Map.of(
                "quarkus.sqs.endpoint-override", sqs.endpoint(),
                "quarkus.sqs.aws.region", sqs.region(),
                "quarkus.sqs.aws.credentials.type", "static",
                "quarkus.sqs.aws.credentials.static-provider.access-key-id", sqs.accessKeyId(),
                "quarkus.sqs.aws.credentials.static-provider.secret-access-key", sqs.secretAccessKey());
    }

    @Override
    public void stop() {
        // The shared server outlives this test class; the JVM shutdown hook stops it.
    }
}
