package io.vigil.notify.grouping;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.json;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The {@code grouping} route: group_by [rule, account], group_wait 2s, repeat_interval 3s. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class GroupingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    @Test
    void alertsOfOneGroupWithinGroupWaitGoOutAsOneNotificationAndTheGroupStateIsDurable() throws Exception {
        // Given
        String account = "22" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L);
        List<Alert> alerts = List.of(alert(account), alert(account), alert(account));
        Alert otherRule = TestAlerts.alert("fp-" + UUID.randomUUID(), Severity.HIGH, "CloudWatch.1", account,
                List.of("grouping"));

        // When
        alerts.forEach(alert -> NotifyTestClients.publish(bootstrapServers, alert));
        NotifyTestClients.publish(bootstrapServers, otherRule);

        // Then
        await().atMost(WAIT).until(() -> requestsMentioning("/grouping", account).size() >= 2);
        List<RecordedRequest> requests = requestsMentioning("/grouping", account);
        assertThat(requests).hasSize(2);
        JsonNode grouped = requests.stream().map(r -> json(r))
                .filter(b -> b.path("groupLabels").path("rule").asText().equals("CloudWatch.5")).findFirst()
                .orElseThrow();
        assertThat(grouped.path("action").asText()).isEqualTo("FIRING");
        assertThat(grouped.path("groupLabels").path("account").asText()).isEqualTo(account);
        assertThat(grouped.path("alerts").findValuesAsText("alertId"))
                .containsExactlyInAnyOrderElementsOf(alerts.stream().map(Alert::id).toList());
        assertThat(grouped.path("title").asText()).endsWith("(+2 more)");
        assertThat(notifiedMembers(account)).isEqualTo(4);
    }

    @Test
    void repeatIsHeldUntilRepeatIntervalThenSentOnceAndAcknowledgementStopsFurtherRepeats() throws Exception {
        // Given
        String account = "23" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L);
        Alert first = alert(account);
        NotifyTestClients.publish(bootstrapServers, first);
        await().atMost(WAIT).until(() -> requestsMentioning("/grouping", account).size() == 1);
        Alert again = TestAlerts.alert(first.fingerprint(), Severity.HIGH, TestAlerts.RULE_ID, account,
                List.of("grouping"));

        // When
        NotifyTestClients.publish(bootstrapServers, again);
        NotifyTestClients.publish(bootstrapServers, again);

        // Then: nothing before repeat_interval (3s after the first notification), then one REPEAT
        Thread.sleep(1000);
        assertThat(requestsMentioning("/grouping", account)).hasSize(1);
        await().atMost(WAIT).until(() -> requestsMentioning("/grouping", account).size() == 2);
        JsonNode repeat = json(requestsMentioning("/grouping", account).get(1));
        assertThat(repeat.path("action").asText()).isEqualTo("REPEAT");
        assertThat(repeat.path("alerts").findValuesAsText("alertId")).containsExactly(again.id());

        // and once acknowledged, a further repeat of the fingerprint is not sent
        operator().contentType("application/json").body("{\"by\":\"alice\",\"comment\":\"investigating\"}")
                .when().post("/api/v1/alerts/" + first.id() + "/acknowledge").then().statusCode(200);
        NotifyTestClients.publish(bootstrapServers, TestAlerts.alert(first.fingerprint(), Severity.HIGH,
                TestAlerts.RULE_ID, account, List.of("grouping")));
        Thread.sleep(4500);
        assertThat(requestsMentioning("/grouping", account)).hasSize(2);
    }

    private int notifiedMembers(String account) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM group_member m"
                        + " JOIN alert_group g ON g.group_id = m.group_id"
                        + " WHERE g.group_labels ->> 'account' = ? AND m.notified_at IS NOT NULL")) {
            select.setString(1, account);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Alert alert(String account) {
        return TestAlerts.alert("fp-" + UUID.randomUUID(), Severity.HIGH, TestAlerts.RULE_ID, account,
                new ArrayList<>(List.of("grouping")));
    }
}
