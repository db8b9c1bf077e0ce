package io.vigil.notify.receiver.sns;

import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.Receivers;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sns.SnsClient;

/** Ready when the topic of every configured SNS receiver exists and answers GetTopicAttributes. */
@Readiness
@ApplicationScoped
public class SnsTopicsReadinessCheck implements HealthCheck {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Receivers receivers;
    private final SnsClient sns;

    public SnsTopicsReadinessCheck(Receivers receivers, SnsClient sns) {
        this.receivers = receivers;
        this.sns = sns;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("SNS topics").up();
        for (ReceiverTarget target : receivers.ofKind("sns")) {
            String topicArn = target.settings().sns().orElseThrow().topicArn();
            try {
                sns.getTopicAttributes(b -> b.topicArn(topicArn)
                        .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)));
                response.withData(target.name(), "reachable: " + topicArn);
            } catch (RuntimeException e) {
                response.down().withData(target.name(), "unavailable: " + topicArn + ": " + e.getMessage());
            }
        }
        return response.build();
    }
}
