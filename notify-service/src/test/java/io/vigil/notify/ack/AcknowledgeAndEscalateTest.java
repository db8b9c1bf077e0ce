package io.vigil.notify.ack;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.json;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Escalation in the tests: critical alerts not acknowledged within 3s go to webhook-escalation. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class AcknowledgeAndEscalateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Database database;

    @Inject
    AlertRepository alerts;

    @Inject
    AcknowledgementRepository acknowledgements;

    @Inject
    NotificationRepository notifications;

    @Inject
    Escalator escalator;

    @Test
    void acknowledgingAndResolvingSendAcknowledgeAndResolveToPagerDutyWithTheSameDedupKey() throws Exception {
        // Given
        Alert alert = TestAlerts.tagged("pager", Severity.HIGH, "410000000001");
        NotifyTestClients.publish(bootstrapServers, alert);
        JsonNode trigger = json(awaitRequests("/pager", alert.id(), 1, WAIT).get(0));
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");

        // When
        operator().contentType("application/json").body("{\"by\":\"alice\",\"comment\":\"on it\"}")
                .when().post("/api/v1/alerts/" + alert.id() + "/acknowledge")
                .then().statusCode(200).body("acknowledgedBy", equalTo("alice"))
                .body("fingerprint", equalTo(alert.fingerprint()));
        List<RecordedRequest> afterAck = awaitRequests("/pager", alert.fingerprint(), 2, WAIT);
        operator().contentType("application/json").body("{}")
                .when().post("/api/v1/alerts/" + alert.id() + "/resolve").then().statusCode(200);
        List<RecordedRequest> afterResolve = awaitRequests("/pager", alert.fingerprint(), 3, WAIT);

        // Then
        assertThat(afterAck).hasSize(2);
        JsonNode acknowledge = json(afterAck.get(1));
        assertThat(acknowledge.path("event_action").asText()).isEqualTo("acknowledge");
        assertThat(acknowledge.path("dedup_key").asText()).isEqualTo(alert.fingerprint());
        assertThat(acknowledge.has("payload")).isFalse();
        JsonNode resolve = json(afterResolve.get(2));
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(alert.fingerprint());
        assertThat(afterResolve).hasSize(3);
    }

    @Test
    void criticalAlertNotAcknowledgedInTimeGoesToTheEscalationReceiverOnce() throws Exception {
        // Given
        Alert ignored = TestAlerts.tagged("gate", Severity.CRITICAL, "420000000001");

        // When
        NotifyTestClients.publish(bootstrapServers, ignored);

        // Then
        JsonNode escalation = json(awaitRequests("/escalation", ignored.id(), 1, WAIT).get(0));
        assertThat(escalation.path("action").asText()).isEqualTo("ESCALATION");
        assertThat(escalation.path("note").asText()).isEqualTo("Escalated: not acknowledged within PT3S");
        assertThat(escalation.path("title").asText()).startsWith("[Vigil ESCALATION CRITICAL] CloudWatch.5");
        Thread.sleep(2500);
        assertThat(requestsMentioning("/escalation", ignored.id())).hasSize(1);
    }

    @Test
    void escalationLeavesOutAcknowledgedLowerSeverityAndAlreadyEscalatedAlerts() {
        // Given: alerts received a minute ago (well past the 3s), written as intake would
        Instant aMinuteAgo = Instant.now().minusSeconds(60);
        Alert unacknowledged = TestAlerts.tagged("gate", Severity.CRITICAL, "430000000001");
        Alert acknowledged = TestAlerts.tagged("gate", Severity.CRITICAL, "430000000002");
        Alert high = TestAlerts.tagged("gate", Severity.HIGH, "430000000003");
        database.inTransaction(connection -> {
            alerts.insertAll(connection, Stream.of(unacknowledged, acknowledged, high)
                    .map(a -> new AlertRepository.NewAlert(a, AlertLabels.of(a), true)).toList(), aMinuteAgo);
            acknowledgements.acknowledge(connection, acknowledged.fingerprint(), acknowledged.id(), aMinuteAgo,
                    "alice", null, aMinuteAgo.plusSeconds(1));
            return null;
        });

        // When
        escalator.escalateDue();
        escalator.escalateDue();

        // Then
        assertThat(escalations(unacknowledged.id())).hasSize(1);
        assertThat(escalations(acknowledged.id())).isEmpty();
        assertThat(escalations(high.id())).isEmpty();
    }

    private List<NotificationRepository.Row> escalations(String alertId) {
        return database.inTransaction(connection -> notifications.forAlert(connection, alertId)).stream()
                .filter(row -> row.action() == NotificationAction.ESCALATION).toList();
    }

    @Test
    void acknowledgingAnUnknownAlertIs404AndNamingAnotherActorThanTheTokenIs400() {
        // When / Then
        operator().contentType("application/json").body("{\"by\":\"alice\"}")
                .when().post("/api/v1/alerts/no-such-alert/acknowledge")
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("alert-not-found"))
                .body("message", equalTo("No alert with id 'no-such-alert' was received"));
        operator().contentType("application/json").body("{\"by\":\"mallory\"}")
                .when().post("/api/v1/alerts/no-such-alert/acknowledge")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("actor-mismatch"))
                .body("message", equalTo("by is 'mallory' but the token is 'alice'; the actor is taken from the"
                        + " token (leave by out)"));
    }

    @Test
    void theActorOfAnAcknowledgementAndAResolveIsTheTokensPrincipalNotTheBody() throws Exception {
        // Given
        Alert alert = TestAlerts.tagged("gate", Severity.HIGH, "440000000001");
        NotifyTestClients.publish(bootstrapServers, alert);
        awaitRequests("/gate", alert.id(), 1, WAIT);

        // When
        operator().contentType("application/json").body("{\"comment\":\"on it\"}")
                .when().post("/api/v1/alerts/" + alert.id() + "/acknowledge")
                .then().statusCode(200).body("acknowledgedBy", equalTo("alice")).body("comment", equalTo("on it"));
        operator().contentType("application/json").body("{}").when().post("/api/v1/alerts/" + alert.id() + "/resolve")
                .then().statusCode(200);

        // Then
        AcknowledgementRepository.Acknowledgement stored = database.inTransaction(connection -> acknowledgements
                .find(connection, alert.fingerprint())).orElseThrow();
        assertThat(stored.acknowledgedBy()).isEqualTo("alice");
        assertThat(stored.resolvedAt()).isNotNull();
    }
}
