package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.contract.Alert;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.Delivery;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.RuleChange;
import io.vigil.contract.Topics;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages published to Vigil's topics become evidence, once each, and the API returns them exactly. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class EvidenceIngestionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void publishedEventIsReturnedWithItsKeyAndPayload() {
        // Given
        String account = Messages.freshAccount();
        NormalizedEvent event = Messages.stopLogging(Messages.freshId(), account);

        // When
        TestProducer.send(Topics.EVENTS, account, event);

        // Then
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .when().get("/api/v1/evidence/event/{id}", event.id())
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("kind", is("event"))
                .body("id", is(event.id()))
                .body("key", is(account))
                .body("chain.id", startsWith(Topics.EVENTS + "/"))
                .body("chain.hash", matchesPattern("[0-9a-f]{64}"))
                .body("occurredAt", is("2026-11-23T09:00:00Z"))
                .body("account", is(account))
                .body("region", is("eu-west-1"))
                .body("actor", is("arn:aws:iam::" + account + ":user/mallory"))
                .body("eventName", is("StopLogging"))
                .body("payload.id", is(event.id()))
                .body("payload.accountId", is(account))
                .body("payload.eventClass", is("API_ACTIVITY"))
                .body("payload.classUid", is(6003))
                .body("payload.actor.arn", is("arn:aws:iam::" + account + ":user/mallory"))
                .body("payload.action.operation", is("StopLogging"))
                .body("payload.sourceIp", is("203.0.113.7"))
                .body("payload.region", is("eu-west-1")));
    }

    @Test
    void publishedAlertIsReturnedWithItsFingerprintAsKey() {
        // Given
        String account = Messages.freshAccount();
        String fingerprint = "fp-" + Messages.freshId();
        Alert alert = Messages.alert(Messages.freshId(), fingerprint,
                Messages.stopLogging(Messages.freshId(), account));

        // When
        TestProducer.send(Topics.ALERTS, fingerprint, alert);

        // Then
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .when().get("/api/v1/evidence/alert/{id}", alert.id())
                .then().statusCode(200)
                .body("kind", is("alert"))
                .body("id", is(alert.id()))
                .body("key", is(fingerprint))
                .body("chain.id", startsWith(Topics.ALERTS + "/"))
                .body("rule", is("cis-cloudwatch-5"))
                .body("controls", contains("SecurityHub:CloudWatch.5"))
                .body("payload.ruleId", is("cis-cloudwatch-5"))
                .body("payload.severity", is("HIGH"))
                .body("payload.controls", contains("SecurityHub:CloudWatch.5"))
                .body("payload.count", is(1))
                .body("payload.events.id", contains(alert.events().getFirst().id())));
    }

    @Test
    void publishedRuleChangeIsStoredWithItsRuleAndAuthor() {
        // Given
        String ruleId = "rule-" + Messages.freshId();
        RuleChange change = Messages.ruleChange(Messages.freshId(), ruleId, "carol@example.com");

        // When
        TestProducer.send(Topics.RULE_CHANGES, ruleId, change);

        // Then
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .when().get("/api/v1/evidence/rule_change/{id}", change.id())
                .then().statusCode(200)
                .body("kind", is("rule_change"))
                .body("id", is(change.id()))
                .body("key", is(ruleId))
                .body("chain.id", startsWith(Topics.RULE_CHANGES + "/"))
                .body("occurredAt", is("2026-11-23T09:00:00Z"))
                .body("rule", is(ruleId))
                .body("actor", is("carol@example.com"))
                .body("account", nullValue())
                .body("payload.changeType", is("UPDATED"))
                .body("payload.version", is(2))
                .body("payload.before.threshold", is(1))
                .body("payload.after.threshold", is(3)));
    }

    @Test
    void publishedDeadLetterIsStoredWithItsReasonAndRawInput() {
        // Given
        String sourceMessageId = "m-" + Messages.freshId();
        DeadLetter deadLetter = Messages.deadLetter(Messages.freshId(), sourceMessageId);

        // When
        TestProducer.send(Topics.INGEST_DLQ, sourceMessageId, deadLetter);

        // Then
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .when().get("/api/v1/evidence/dead_letter/{id}", deadLetter.id())
                .then().statusCode(200)
                .body("kind", is("dead_letter"))
                .body("id", is(deadLetter.id()))
                .body("key", is(sourceMessageId))
                .body("chain.id", startsWith(Topics.INGEST_DLQ + "/"))
                .body("occurredAt", is("2026-11-23T09:00:00Z"))
                .body("payload.reason", is("INVALID_JSON"))
                .body("payload.origin.messageId", is(sourceMessageId))
                .body("payload.rawEncoding", is("utf-8"))
                .body("payload.raw", is("{not json")));
    }

    @Test
    void publishedComplianceEvaluationIsStoredWithItsAccountRegionAndRule() {
        // Given
        String account = Messages.freshAccount();
        ComplianceEvaluation evaluation = Messages.compliance(Messages.freshId(), account, "encrypted-volumes");

        // When
        TestProducer.send(Topics.COMPLIANCE, evaluation.resourceArn(), evaluation);

        // Then
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .queryParam("kind", "compliance").queryParam("account", account)
                .when().get("/api/v1/evidence")
                .then().statusCode(200)
                .body("items.id", contains(evaluation.id()))
                .body("items.key", contains(evaluation.resourceArn()))
                .body("items.chain.id[0]", startsWith(Topics.COMPLIANCE + "/"))
                .body("items.region", contains("eu-west-1"))
                .body("items.rule", contains("encrypted-volumes"))
                .body("items.occurredAt", contains("2026-11-23T09:00:00Z"))
                .body("items.payload.status", contains("NON_COMPLIANT"))
                .body("items.payload.annotation", contains("volume is not encrypted")));
    }

    @Test
    void twoDeliveriesOfOneAlertAreListedByKindAndKeyNewestFirst() {
        // Given
        String alertId = Messages.freshId();
        Delivery email = Messages.delivery(Messages.freshId(), alertId, "security-email", "email");
        Delivery sns = Messages.delivery(Messages.freshId(), alertId, "security-sns", "sns");

        // When
        TestProducer.send(Topics.DELIVERIES, alertId, email);
        TestProducer.send(Topics.DELIVERIES, alertId, sns);

        // Then
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .queryParam("kind", "delivery").queryParam("key", alertId)
                .when().get("/api/v1/evidence")
                .then().statusCode(200)
                .body("items.id", contains(sns.id(), email.id()))
                .body("items.kind", contains("delivery", "delivery"))
                .body("items.key", contains(alertId, alertId))
                .body("items.payload.receiver", contains("security-sns", "security-email"))
                .body("items.payload.receiverKind", contains("sns", "email"))
                .body("items.payload.outcome", contains("DELIVERED", "DELIVERED"))
                .body("items.payload.providerMessageId", contains("provider-" + sns.id(), "provider-" + email.id()))
                .body("nextAfter", nullValue()));
    }

    @Test
    void listFiltersByKindAndKey() {
        // Given
        String key = Messages.freshAccount();
        NormalizedEvent event = Messages.stopLogging(Messages.freshId(), key);
        Delivery delivery = Messages.delivery(Messages.freshId(), key, "security-email", "email");
        TestProducer.send(Topics.EVENTS, key, event);
        TestProducer.send(Topics.DELIVERIES, key, delivery);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .queryParam("key", key).when().get("/api/v1/evidence")
                .then().statusCode(200).body("items.id", hasSize(2)));

        // When
        var onlyEvents = given().auth().oauth2(Tokens.auditor())
                .queryParam("kind", "event").queryParam("key", key)
                .when().get("/api/v1/evidence");

        // Then
        onlyEvents.then().statusCode(200)
                .body("items.id", contains(event.id()))
                .body("items.kind", contains("event"))
                .body("nextAfter", nullValue());
    }

    @Test
    void sameMessagePublishedTwiceIsStoredOnce() throws SQLException {
        // Given
        String account = Messages.freshAccount();
        NormalizedEvent event = Messages.stopLogging(Messages.freshId(), account);
        NormalizedEvent marker = Messages.stopLogging(Messages.freshId(), account);
        double duplicatesBefore = counter("vigil.audit.evidence.duplicates", "kind", "event");

        // When
        TestProducer.send(Topics.EVENTS, account, event);
        TestProducer.send(Topics.EVENTS, account, event);
        TestProducer.send(Topics.EVENTS, account, marker);

        // Then: the marker follows both copies on the same partition, so once it is stored both were consumed
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("event", marker.id())).isEqualTo(1));
        assertThat(rows("event", event.id())).isEqualTo(1);
        assertThat(counter("vigil.audit.evidence.duplicates", "kind", "event") - duplicatesBefore).isEqualTo(1.0);
        given().auth().oauth2(Tokens.auditor()).queryParam("key", account)
                .when().get("/api/v1/evidence")
                .then().statusCode(200).body("items.id", contains(marker.id(), event.id()));
    }

    @Test
    void undeserializableRecordIsSkippedAndTheNextOneIsStored() throws SQLException {
        // Given
        String fingerprint = "fp-" + Messages.freshId();
        Alert good = Messages.alert(Messages.freshId(), fingerprint,
                Messages.stopLogging(Messages.freshId(), Messages.freshAccount()));
        double skippedBefore = counter("vigil.audit.records.skipped", "topic", Topics.ALERTS, "reason", "malformed");

        // When
        TestProducer.sendBytes(Topics.ALERTS, fingerprint, "{not json".getBytes(StandardCharsets.UTF_8));
        TestProducer.send(Topics.ALERTS, fingerprint, good);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows("alert", good.id())).isEqualTo(1));
        assertThat(rowsWithKey(fingerprint)).isEqualTo(1);
        assertThat(counter("vigil.audit.records.skipped", "topic", Topics.ALERTS, "reason", "malformed")
                - skippedBefore).isEqualTo(1.0);
    }

    @Test
    void recordThatIsNotJsonIsKeptAsMalformedEvidenceWithItsCoordinatesReasonAndText() {
        // Given
        String fingerprint = "fp-" + Messages.freshId();

        // When
        TestProducer.sendBytes(Topics.ALERTS, fingerprint, "{not json".getBytes(StandardCharsets.UTF_8));

        // Then
        Map<String, Object> item = awaitMalformed(fingerprint);
        Map<String, Object> payload = payload(item);
        assertThat(item).containsEntry("kind", "malformed")
                .containsEntry("id", Topics.ALERTS + ":" + payload.get("partition") + ":" + payload.get("offset"))
                .containsEntry("key", null)
                .containsEntry("account", null)
                .containsEntry("actor", null);
        assertThat(chainId(item)).isEqualTo(Topics.ALERTS + "/" + payload.get("partition"));
        assertThat(payload).containsEntry("topic", Topics.ALERTS).containsEntry("key", fingerprint)
                .containsEntry("reason", "malformed").containsEntry("rawEncoding", "utf-8")
                .containsEntry("raw", "{not json");
        assertThat((String) payload.get("detail")).isNotBlank();
        assertThat(Instant.parse((String) payload.get("timestamp"))).isEqualTo(Instant.parse(
                (String) item.get("occurredAt")));
    }

    @Test
    void recordThatIsNotUtf8IsKeptAsMalformedEvidenceWithItsBytesInBase64() {
        // Given
        String key = "k-" + Messages.freshId();
        byte[] raw = {'{', '"', 'i', 'd', '"', ':', (byte) 0xc3, (byte) 0x28, '}'};

        // When
        TestProducer.sendBytes(Topics.EVENTS, key, raw);

        // Then
        Map<String, Object> payload = payload(awaitMalformed(key));
        assertThat(payload).containsEntry("topic", Topics.EVENTS).containsEntry("reason", "malformed")
                .containsEntry("rawEncoding", "base64")
                .containsEntry("raw", Base64.getEncoder().encodeToString(raw));
    }

    @Test
    void kindFilterMalformedListsOnlyMalformedEvidence() {
        // Given
        String key = "fp-" + Messages.freshId();
        TestProducer.sendBytes(Topics.ALERTS, key, "[]".getBytes(StandardCharsets.UTF_8));
        TestProducer.send(Topics.ALERTS, key, Messages.alert(Messages.freshId(), key,
                Messages.stopLogging(Messages.freshId(), Messages.freshAccount())));
        awaitMalformed(key);

        // When
        var page = given().auth().oauth2(Tokens.auditor()).queryParam("kind", "malformed").queryParam("limit", 1000)
                .when().get("/api/v1/evidence");

        // Then
        page.then().statusCode(200).body("items.kind", everyItem(is("malformed")))
                .body("items.findAll { it.payload.key == '" + key + "' }.payload.reason", contains("malformed"));
    }

    /** @return the one malformed record whose payload names this key, once it is stored */
    static Map<String, Object> awaitMalformed(String key) {
        String path = "items.findAll { it.payload.key == '" + key + "' }";
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .queryParam("kind", "malformed").queryParam("limit", 1000).when().get("/api/v1/evidence")
                .then().statusCode(200).body(path, hasSize(1)));
        List<Map<String, Object>> items = given().auth().oauth2(Tokens.auditor()).queryParam("kind", "malformed")
                .queryParam("limit", 1000).when().get("/api/v1/evidence").then().statusCode(200)
                .extract().jsonPath().getList(path);
        return items.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> item) {
        return (Map<String, Object>) item.get("payload");
    }

    @SuppressWarnings("unchecked")
    static String chainId(Map<String, Object> item) {
        return (String) ((Map<String, Object>) item.get("chain")).get("id");
    }

    @Test
    void pagesFollowTheNextAfterCursor() {
        // Given
        String alertId = Messages.freshId();
        Delivery first = Messages.delivery(Messages.freshId(), alertId, "r1", "email");
        Delivery second = Messages.delivery(Messages.freshId(), alertId, "r2", "email");
        Delivery third = Messages.delivery(Messages.freshId(), alertId, "r3", "email");
        TestProducer.send(Topics.DELIVERIES, alertId, first);
        TestProducer.send(Topics.DELIVERIES, alertId, second);
        TestProducer.send(Topics.DELIVERIES, alertId, third);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .queryParam("key", alertId).when().get("/api/v1/evidence")
                .then().statusCode(200).body("items.id", contains(third.id(), second.id(), first.id())));
        long cursor = given().auth().oauth2(Tokens.auditor())
                .queryParam("key", alertId).queryParam("limit", 2).when().get("/api/v1/evidence")
                .then().statusCode(200).body("items.id", contains(third.id(), second.id()))
                .extract().jsonPath().getLong("nextAfter");

        // When
        var nextPage = given().auth().oauth2(Tokens.auditor())
                .queryParam("key", alertId).queryParam("limit", 2).queryParam("after", cursor)
                .when().get("/api/v1/evidence");

        // Then
        nextPage.then().statusCode(200)
                .body("items.id", contains(first.id()))
                .body("$", hasKey("nextAfter"))
                .body("nextAfter", nullValue());
    }

    private double counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0.0 : counter.count();
    }

    private long rows(String kind, String id) throws SQLException {
        return count("SELECT count(*) FROM evidence WHERE kind = ? AND source_id = ?", kind, id);
    }

    private long rowsWithKey(String key) throws SQLException {
        return count("SELECT count(*) FROM evidence WHERE message_key = ?", key);
    }

    private long count(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
