package io.vigil.notify.api;

import static io.vigil.notify.NotifyApi.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The ledger API's time and notification filters over four attempts of one alert, a minute apart, the first two of
 * notification A and the last two of notification B, written as the delivery worker records them.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class LedgerFiltersTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    Database database;

    @Inject
    LedgerRepository ledger;

    @Test
    void sinceIsInclusiveUntilIsExclusiveAndNotificationIdSelectsThatNotificationsAttempts() {
        // Given
        String alertId = "alert-" + UUID.randomUUID();
        String a = "n-a-" + UUID.randomUUID();
        String b = "n-b-" + UUID.randomUUID();
        List<Delivery> attempts = IntStream.range(0, 4).mapToObj(i -> attempt(alertId, i < 2 ? a : b, i + 1,
                T0.plusSeconds(60L * i))).toList();
        database.inTransaction(connection -> {
            ledger.record(connection, attempts);
            return null;
        });

        // When
        List<Integer> sinceT1 = attemptNumbers(alertId, r -> r.queryParam("since", T0.plusSeconds(60).toString()));
        List<Integer> untilT2 = attemptNumbers(alertId, r -> r.queryParam("until", T0.plusSeconds(120).toString()));
        List<Integer> between = attemptNumbers(alertId, r -> r.queryParam("since", T0.plusSeconds(60).toString())
                .queryParam("until", T0.plusSeconds(180).toString()));
        List<Integer> ofB = attemptNumbers(alertId, r -> r.queryParam("notificationId", b));
        List<Integer> ofBUntilT3 = attemptNumbers(alertId, r -> r.queryParam("notificationId", b)
                .queryParam("until", T0.plusSeconds(180).toString()));

        // Then
        assertThat(sinceT1).containsExactly(2, 3, 4);
        assertThat(untilT2).containsExactly(1, 2);
        assertThat(between).containsExactly(2, 3);
        assertThat(ofB).containsExactly(3, 4);
        assertThat(ofBUntilT3).containsExactly(3);
        operator().queryParam("since", "yesterday").when().get("/api/v1/deliveries").then().statusCode(400)
                .body("code", equalTo("invalid-since"))
                .body("message", equalTo("since must be an ISO-8601 instant such as 2026-11-23T09:00:00Z; was"
                        + " 'yesterday'"));
        operator().queryParam("until", "2026-13-01").when().get("/api/v1/deliveries").then().statusCode(400)
                .body("code", equalTo("invalid-until"));
    }

    private static List<Integer> attemptNumbers(String alertId, UnaryOperator<RequestSpecification> filter) {
        return filter.apply(operator().queryParam("alertId", alertId)).when().get("/api/v1/deliveries").then()
                .statusCode(200).extract().jsonPath().getList("items.delivery.attempt", Integer.class);
    }

    private static Delivery attempt(String alertId, String notificationId, int attempt, Instant at) {
        return new Delivery(Delivery.SCHEMA_VERSION, UUID.randomUUID().toString(), at, alertId, "fp-" + alertId,
                "CloudWatch.5", "webhook-gate", "webhook", attempt, DeliveryOutcome.FAILED, at, 12, null,
                "Attempt " + attempt + " of 6: Receiver 'webhook-gate' answered 503", 503, notificationId);
    }
}
