package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Refusals by authentication (403) and requests that reach no endpoint (404) are recorded just after they are
 * answered; when that record cannot be written, the failure is counted (and logged at ERROR), not lost silently. The
 * failure is real: the user name carries U+0000, which PostgreSQL text and jsonb refuse.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class AccessRecordingFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FAILURES = "vigil.audit.api.access-recording-failures";

    @Inject
    MeterRegistry registry;

    @Test
    void forbiddenAccessThatCannotBeRecordedIsCountedAsARecordingFailure() {
        // Given
        String token = Tokens.forUser("nul\u0000" + UUID.randomUUID(), "rules-editor");
        double before = failures("forbidden");

        // When
        given().auth().oauth2(token).when().get("/api/v1/keys").then().statusCode(403);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(failures("forbidden") - before).isEqualTo(1.0));
    }

    @Test
    void unmatchedAccessThatCannotBeRecordedIsCountedAsARecordingFailure() {
        // Given
        String token = Tokens.forUser("nul\u0000" + UUID.randomUUID(), "auditor");
        double before = failures("unmatched");

        // When
        given().auth().oauth2(token).when().get("/api/v1/no-such-endpoint").then().statusCode(404);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(failures("unmatched") - before).isEqualTo(1.0));
    }

    private double failures(String outcome) {
        Counter counter = registry.find(FAILURES).tag("outcome", outcome).counter();
        return counter == null ? 0.0 : counter.count();
    }
}
