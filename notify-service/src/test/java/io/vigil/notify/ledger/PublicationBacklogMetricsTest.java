package io.vigil.notify.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.notify.NotifyTestProfile;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The running service exports the publication queue's gauges, read from its PostgreSQL, on /q/metrics. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class PublicationBacklogMetricsTest {

    private static final Pattern QUEUED = Pattern.compile("(?m)^vigil_notify_publication_queued (\\S+)$");
    private static final Pattern HEAD_AGE = Pattern.compile("(?m)^vigil_notify_publication_head_age_seconds (\\S+)$");
    private static final Pattern HELD_BACK = Pattern.compile("(?m)^vigil_notify_ledger_held_back (\\S+)$");

    @Test
    void shouldExportTheQueueDepthAndTheAgeOfItsFirstRowOnceRead() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(value(QUEUED, metrics)).isNotNaN().isGreaterThanOrEqualTo(0);
            assertThat(value(HEAD_AGE, metrics)).isNotNaN().isGreaterThanOrEqualTo(0);
            assertThat(value(HELD_BACK, metrics)).isNotNaN().isGreaterThanOrEqualTo(0);
        });
    }

    private static double value(Pattern gauge, String metrics) {
        Matcher matcher = gauge.matcher(metrics);
        assertThat(matcher.find()).as("%s in /q/metrics", gauge.pattern()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
