package io.vigil.ingest.dedup;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the de-duplication stream runs (or is rebalancing), or when de-duplication is off. */
@Readiness
@ApplicationScoped
public class DedupReadinessCheck implements HealthCheck {

    private final DedupStream stream;

    public DedupReadinessCheck(DedupStream stream) {
        this.stream = stream;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = stream.state();
        boolean up = state == null || state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return HealthCheckResponse.named("De-duplication stream").status(up)
                .withData("state", state == null ? "OFF" : state.name()).build();
    }
}
