package io.vigil.ingest.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Ready when every configured queue answers; reports each queue's visible backlog. */
@Readiness
@ApplicationScoped
public class SqsReadinessCheck implements HealthCheck {

    private final SqsConfig config;
    private final SqsClient sqs;

    public SqsReadinessCheck(SqsConfig config, SqsClient sqs) {
        this.config = config;
        this.sqs = sqs;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("SQS queues").up();
        config.queues().forEach((name, queue) -> {
            try {
                String backlog = sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                response.withData(name, "reachable, " + backlog + " messages visible");
            } catch (RuntimeException e) {
                response.down().withData(name, "unreachable: " + e.getMessage());
            }
        });
        return response.build();
    }
}
