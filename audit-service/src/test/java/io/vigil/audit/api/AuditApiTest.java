package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vigil.audit.chain.AppendResult;
import io.vigil.audit.chain.ChainAppender;
import io.vigil.audit.verifier.ChainLink;
import io.vigil.audit.verifier.DigestKeys;
import io.vigil.audit.verifier.EvidenceExport;
import io.vigil.audit.verifier.SignatureCheck;
import io.vigil.audit.verifier.SignedDigest;
import io.vigil.audit.verifier.Sha256;
import io.vigil.audit.verifier.VerificationReport;
import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Topics;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The auditors' API: search filters, alerts, proofs, digests, keys, export, access records and rate limits. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class AuditApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ChainAppender appender;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void searchFiltersByAccountRegionActorEventNameControlRuleAndTimeRange() {
        // Given
        String account = Messages.freshAccount();
        NormalizedEvent event = Messages.stopLogging(Messages.freshId(), account);
        Alert alert = Messages.alert(Messages.freshId(), "fp-" + Messages.freshId(), event);
        TestProducer.send(Topics.EVENTS, account, event);
        TestProducer.send(Topics.ALERTS, alert.fingerprint(), alert);
        await().atMost(WAIT).untilAsserted(() -> search(Map.of("account", account)).then().statusCode(200)
                .body("items", hasSize(2)));

        // When / Then
        search(Map.of("account", account, "eventName", "StopLogging")).then().body("items.id", contains(event.id()));
        search(Map.of("account", account, "actor", "arn:aws:iam::" + account + ":user/mallory")).then()
                .body("items.id", contains(event.id()));
        search(Map.of("account", account, "control", "SecurityHub:CloudWatch.5")).then()
                .body("items.id", contains(alert.id()));
        search(Map.of("account", account, "rule", "cis-cloudwatch-5")).then().body("items.id", contains(alert.id()));
        search(Map.of("account", account, "region", "eu-west-1", "kind", "alert")).then()
                .body("items.id", contains(alert.id()));
        search(Map.of("account", account, "until", "2020-01-01T00:00:00Z")).then().body("items", empty());
        search(Map.of("account", account, "since", "2999-01-01T00:00:00Z")).then().body("items", empty());
        search(Map.of("account", account, "since", "2020-01-01T00:00:00Z", "until", "2999-01-01T00:00:00Z")).then()
                .body("items.id", containsInAnyOrder(alert.id(), event.id()));
    }

    @Test
    void filterValuesAreBoundAsParametersNeverAsSqlText() {
        // Given: stored evidence that an injected OR '1'='1' would match
        String account = Messages.freshAccount();
        NormalizedEvent event = Messages.stopLogging(Messages.freshId(), account);
        TestProducer.send(Topics.EVENTS, account, event);
        await().atMost(WAIT).untilAsserted(() -> search(Map.of("account", account)).then().statusCode(200)
                .body("items.id", contains(event.id())));
        String injection = "x' OR '1'='1";

        // When
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String filter : List.of("key", "account", "region", "control", "rule", "actor", "eventName")) {
            Response response = search(Map.of(filter, injection)).then().statusCode(200).extract().response();
            found.put(filter, response.jsonPath().getList("items").size());
        }

        // Then
        assertThat(found).containsOnly(Map.entry("key", 0), Map.entry("account", 0), Map.entry("region", 0),
                Map.entry("control", 0), Map.entry("rule", 0), Map.entry("actor", 0), Map.entry("eventName", 0));
        search(Map.of("account", account)).then().statusCode(200).body("items.id", contains(event.id()));
    }

    @Test
    void alertComesWithItsTriggeringEventsAndDeliveryHistory() {
        // Given
        String account = Messages.freshAccount();
        NormalizedEvent event = Messages.stopLogging(Messages.freshId(), account);
        Alert alert = Messages.alert(Messages.freshId(), "fp-" + Messages.freshId(), event);
        Delivery email = Messages.delivery(Messages.freshId(), alert.id(), "security-email", "email");
        Delivery sns = Messages.delivery(Messages.freshId(), alert.id(), "security-sns", "sns");
        TestProducer.send(Topics.EVENTS, account, event);
        TestProducer.send(Topics.ALERTS, alert.fingerprint(), alert);
        TestProducer.send(Topics.DELIVERIES, alert.id(), email);
        TestProducer.send(Topics.DELIVERIES, alert.id(), sns);

        // When / Then
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.auditor())
                .when().get("/api/v1/alerts/{id}", alert.id())
                .then().statusCode(200)
                .body("alert.id", is(alert.id()))
                .body("triggeringEvents.id", contains(event.id()))
                .body("eventsNotStored", empty())
                .body("deliveries.id", contains(email.id(), sns.id()))
                .body("deliveries.payload.receiver", contains("security-email", "security-sns")));
    }

    @Test
    void unknownAlertIsNotFound() {
        given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/alerts/{id}", "no-such-alert")
                .then().statusCode(404).body("code", is("alert-not-found"));
    }

    @Test
    void proofLeadsFromTheRecordToTheSignedDigestHead() {
        // Given
        String chain = TestEvidence.freshChain();
        AppendResult appended = TestEvidence.append(appender, chain, 0, 4);
        signDigest();
        String id = appended.appended().get(1).evidence().sourceId();

        // When
        JsonPath proof = given().auth().oauth2(Tokens.auditor())
                .when().get("/api/v1/evidence/event/{id}/proof", id)
                .then().statusCode(200).extract().jsonPath();

        // Then: recompute as docs/audit.md says
        assertThat(proof.getString("status")).isEqualTo("covered");
        String contentHash = Sha256.hex(proof.getString("contentDocument").getBytes(StandardCharsets.UTF_8));
        assertThat(contentHash).isEqualTo(proof.getString("link.contentHash"));
        String hash = ChainLink.linkHash(proof.getString("link.previousHash"), contentHash);
        assertThat(hash).isEqualTo(proof.getString("link.hash"));
        for (String following : proof.getList("followingContentHashes", String.class)) {
            hash = ChainLink.linkHash(hash, following);
        }
        SignedDigest digest = SignedDigest.fromJson(io.vigil.audit.verifier.CanonicalJson.parse(proof.prettify())
                .get("digest"));
        String head = digest.digest().chains().stream().filter(h -> h.chain().equals(chain)).findFirst()
                .orElseThrow().headHash();
        assertThat(proof.getList("followingContentHashes")).hasSize(2);
        assertThat(hash).isEqualTo(head);
        assertThat(SignatureCheck.verify(publishedKey(), digest)).isTrue();
    }

    @Test
    void proofOfARecordNoDigestCoversYetIsPending() {
        // Given
        String chain = TestEvidence.freshChain();
        AppendResult appended = TestEvidence.append(appender, chain, 0, 1);

        // When / Then
        given().auth().oauth2(Tokens.auditor())
                .when().get("/api/v1/evidence/event/{id}/proof", appended.appended().getFirst().evidence().sourceId())
                .then().statusCode(200).body("status", is("pending-digest")).body("followingContentHashes", empty());
    }

    @Test
    void digestsAreListedAndDownloadedSigned() {
        // Given
        long seq = signDigest();

        // When
        Response download = given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/digests/{seq}", seq);

        // Then
        given().auth().oauth2(Tokens.auditor()).queryParam("limit", 1).when().get("/api/v1/digests")
                .then().statusCode(200).body("items[0].seq", is((int) seq)).body("items", hasSize(1));
        download.then().statusCode(200).header("Content-Disposition", containsString("vigil-digest-" + seq));
        SignedDigest digest = SignedDigest.fromJson(io.vigil.audit.verifier.CanonicalJson.parse(download.asString()));
        assertThat(digest.digest().seq()).isEqualTo(seq);
        assertThat(SignatureCheck.verify(publishedKey(), digest)).isTrue();
        given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/digests/{seq}", 999_999_999)
                .then().statusCode(404).body("code", is("digest-not-found"));
    }

    @Test
    void publishedKeyIsTheConfiguredDigestKey() throws Exception {
        // Given
        PublicKey configured = DigestKeys.publicKey(Files.readString(Path.of("src/test/resources/digest-public.pem")));

        // When / Then
        given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/keys")
                .then().statusCode(200)
                .body("keyId", contains(DigestKeys.keyId(configured)))
                .body("algorithm", contains("Ed25519"))
                .body("current", contains(true));
    }

    @Test
    void exportVerifiesOfflineAndShowsTampering() throws Exception {
        // Given: the period starts after the newest digest, so the export holds this test's evidence and little else
        Instant since = Instant.now();
        String chain = TestEvidence.freshChain();
        TestEvidence.append(appender, chain, 0, 3);
        signDigest();

        // When
        VerificationReport intact = EvidenceExport.read(new StringReader(export(since))).verify(keys());
        VerificationReport tampered;
        try (SuperuserSql sql = new SuperuserSql(dataSource).snapshot(chain)) {
            sql.execute("UPDATE evidence SET account = '999999999999' WHERE chain_id = ? AND seq = 2", chain);
            try {
                tampered = EvidenceExport.read(new StringReader(export(since))).verify(keys());
            } finally {
                sql.restore(chain);
            }
        }

        // Then
        assertThat(intact.ok()).as("%s", intact.breaks()).isTrue();
        assertThat(intact.recordsChecked()).isGreaterThanOrEqualTo(3);
        assertThat(tampered.breaks()).anySatisfy(broken -> {
            assertThat(broken.chain()).isEqualTo(chain);
            assertThat(broken.seq()).isEqualTo(2);
            assertThat(broken.kind().wireName()).isEqualTo("modified");
        });
    }

    @Test
    void malformedEvidenceIsVerifiedExportedAndVerifiedOfflineAndItsTamperingIsFound() throws Exception {
        // Given: a record that is not a contract message, stored as malformed evidence and signed into a digest
        Instant since = Instant.now();
        String key = "fp-" + UUID.randomUUID();
        TestProducer.sendBytes(Topics.DELIVERIES, key, "{\"id\": 7".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> item = EvidenceIngestionTest.awaitMalformed(key);
        String chain = EvidenceIngestionTest.chainId(item);
        long seq = ((Number) ((Map<?, ?>) item.get("chain")).get("seq")).longValue();
        signDigest();

        // When
        JsonPath verification = given().auth().oauth2(Tokens.auditor()).queryParam("chain", chain)
                .when().get("/api/v1/verify").then().statusCode(200).extract().jsonPath();
        String exported = export(since);
        VerificationReport offline = EvidenceExport.read(new StringReader(exported)).verify(keys());
        VerificationReport tampered;
        try (SuperuserSql sql = new SuperuserSql(dataSource).snapshot(chain)) {
            sql.execute("UPDATE evidence SET payload = jsonb_set(payload, '{raw}', '\"{}\"') WHERE chain_id = ? "
                    + "AND seq = ?", chain, seq);
            try {
                tampered = EvidenceExport.read(new StringReader(export(since))).verify(keys());
            } finally {
                sql.restore(chain);
            }
        }

        // Then
        assertThat(verification.getString("status")).as("%s", verification.prettify()).isEqualTo("ok");
        assertThat(exported.lines().filter(line -> line.contains("\"sourceId\":\"" + item.get("id") + "\"")))
                .singleElement().satisfies(line -> assertThat(line).contains("\"kind\":\"malformed\"")
                        .contains("\"raw\":\"{\\\"id\\\": 7\""));
        assertThat(offline.ok()).as("%s", offline.breaks()).isTrue();
        assertThat(tampered.breaks()).anySatisfy(broken -> {
            assertThat(broken.chain()).isEqualTo(chain);
            assertThat(broken.seq()).isEqualTo(seq);
            assertThat(broken.kind().wireName()).isEqualTo("modified");
        });
    }

    @Test
    void everyApiAccessIsRecordedAsChainedEvidence() {
        // Given
        String user = "reader-" + UUID.randomUUID() + "@example.com";

        // When
        given().auth().oauth2(Tokens.forUser(user, "auditor")).queryParam("region", "eu-west-1")
                .when().get("/api/v1/evidence").then().statusCode(200);

        // Then
        search(Map.of("kind", "api_access", "actor", user)).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].chain.id", is("api-access"))
                .body("items[0].payload.user", is(user))
                .body("items[0].payload.roles", contains("auditor"))
                .body("items[0].payload.method", is("GET"))
                .body("items[0].payload.path", is("/api/v1/evidence"))
                .body("items[0].payload.query", is("region=eu-west-1"))
                .body("items[0].payload.status", is(200))
                .body("items[0].payload.outcome", is("allowed"));
    }

    @Test
    void refusedAccessesAreRecorded() {
        // Given
        String user = "intruder-" + UUID.randomUUID() + "@example.com";
        String marker = UUID.randomUUID().toString();

        // When
        given().auth().oauth2(Tokens.forUser(user, "rules-editor")).when().get("/api/v1/keys")
                .then().statusCode(403);
        given().queryParam("key", marker).when().get("/api/v1/evidence").then().statusCode(401);

        // Then
        await().atMost(WAIT).untilAsserted(() -> search(Map.of("kind", "api_access", "actor", user)).then()
                .body("items.payload.status", contains(403)).body("items.payload.outcome", contains("forbidden")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(search(Map.of("kind", "api_access",
                "eventName", "GET /api/v1/evidence", "limit", "200")).jsonPath()
                .getList("items.payload.query", String.class)).contains("key=" + marker));
    }

    @Test
    void requestsThatReachNoEndpointAreRecordedOnceEachLikeServedOnes() {
        // Given
        String user = "prober-" + UUID.randomUUID() + "@example.com";
        String token = Tokens.forUser(user, "auditor");
        given().auth().oauth2(token).when().get("/api/v1/keys").then().statusCode(200);

        // When: an attempt to delete evidence through the API, and a path that is no endpoint
        given().auth().oauth2(token).when().delete("/api/v1/evidence/event/some-id").then().statusCode(405);
        given().auth().oauth2(token).when().get("/api/v1/no-such-endpoint").then().statusCode(404);

        // Then
        await().atMost(WAIT).untilAsserted(() -> search(Map.of("kind", "api_access", "actor", user)).then()
                .body("items.payload.method", containsInAnyOrder("GET", "DELETE", "GET"))
                .body("items.payload.path", containsInAnyOrder("/api/v1/keys", "/api/v1/evidence/event/some-id",
                        "/api/v1/no-such-endpoint"))
                .body("items.payload.status", containsInAnyOrder(200, 405, 404))
                .body("items.payload.outcome", containsInAnyOrder("allowed", "unmatched", "unmatched"))
                .body("items.payload.roles", everyItem(contains("auditor"))));
    }

    @Test
    void requestsRefusedBeforeTheResourceAreRecordedAsRejectedNotUnmatched() {
        // Given
        String user = "picky-" + UUID.randomUUID() + "@example.com";
        String token = Tokens.forUser(user, "auditor");

        // When: a media type the endpoint does not produce is refused before the resource is called
        given().auth().oauth2(token).accept("text/plain").when().get("/api/v1/keys").then().statusCode(406);

        // Then
        await().atMost(WAIT).untilAsserted(() -> search(Map.of("kind", "api_access", "actor", user)).then()
                .body("items.payload.path", contains("/api/v1/keys"))
                .body("items.payload.status", contains(406))
                .body("items.payload.outcome", contains("rejected")));
    }

    @Test
    void callerOverTheRateLimitGets429WithRetryAfter() {
        // Given: the test profile allows bursts of 10 at one request per 2 seconds
        String user = "hasty-" + UUID.randomUUID() + "@example.com";
        String token = Tokens.forUser(user, "auditor");
        List<Response> responses = new ArrayList<>();

        // When
        for (int i = 0; i < 30; i++) {
            responses.add(given().auth().oauth2(token).when().get("/api/v1/keys"));
        }

        // Then
        Response limited = responses.stream().filter(response -> response.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no request was rate limited"));
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limited.jsonPath().getString("code")).isEqualTo("rate-limited");
        assertThat(responses.getFirst().statusCode()).isEqualTo(200);
        long refused = responses.stream().filter(response -> response.statusCode() == 429).count();
        // the window's first 429 is recorded before the answer leaves, the others as one summary when it ends
        assertThat(search(Map.of("kind", "api_access", "actor", user, "eventName", "GET /api/v1/keys",
                "limit", "100")).jsonPath().getList("items.payload.outcome", String.class))
                .filteredOn("rate-limited"::equals).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(search(Map.of("kind", "api_access", "actor", user,
                "eventName", "rate-limited")).jsonPath().getList("items.payload.refusals", Long.class))
                .containsExactly(refused - 1));
    }

    private static Response search(Map<String, String> parameters) {
        return given().auth().oauth2(Tokens.auditor()).queryParams(parameters).when().get("/api/v1/evidence");
    }

    private static long signDigest() {
        return given().auth().oauth2(Tokens.withRoles("audit-admin")).when().post("/api/v1/digests")
                .then().statusCode(201).extract().jsonPath().getLong("seq");
    }

    private static String export(Instant since) {
        return given().auth().oauth2(Tokens.auditor()).queryParam("since", since.toString())
                .when().get("/api/v1/export")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
    }

    private static PublicKey publishedKey() {
        String pem = given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/keys")
                .then().statusCode(200).extract().jsonPath().getString("[0].publicKeyPem");
        return DigestKeys.publicKey(pem);
    }

    private static Map<String, PublicKey> keys() {
        PublicKey key = publishedKey();
        return Map.of(DigestKeys.keyId(key), key);
    }
}
