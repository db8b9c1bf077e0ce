package io.vigil.notify.dispatch;

import static io.vigil.notify.Sink.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.localinfra.http.Reply;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** webhook-narrow has max-concurrency 2; the sink holds each request for 1s. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class ConcurrencyLimitTest {

    private static final long HOLD_MILLIS = 1_000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void receiverNeverHasMoreAttemptsInFlightThanItsMaxConcurrency() {
        // Given
        sink().defaultReply("/narrow", Reply.delayed(200, HOLD_MILLIS));
        List<Alert> alerts = IntStream.range(0, 6)
                .mapToObj(i -> TestAlerts.tagged("narrow", Severity.HIGH, "910000000001")).toList();

        // When
        NotifyTestClients.publishAll(bootstrapServers, alerts);

        // Then
        await().atMost(Duration.ofSeconds(60)).until(() -> sink().accepted("/narrow").size() >= alerts.size());
        List<RecordedRequest> requests = sink().requests("/narrow");
        assertThat(requests).hasSize(alerts.size());
        int maxInFlight = requests.stream().mapToInt(request -> (int) requests.stream()
                .filter(other -> !other.receivedAt().isBefore(request.receivedAt())
                        && other.receivedAt().isBefore(request.receivedAt().plusMillis(HOLD_MILLIS)))
                .count()).max().orElse(0);
        assertThat(maxInFlight).isEqualTo(2);
    }
}
