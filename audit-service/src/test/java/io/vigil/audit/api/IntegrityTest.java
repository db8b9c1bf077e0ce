package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.audit.chain.AppendResult;
import io.vigil.audit.chain.ChainAppender;
import io.vigil.audit.digest.DigestRepository;
import io.vigil.audit.digest.DigestService;
import io.vigil.audit.evidence.NewEvidence;
import io.vigil.audit.verifier.CanonicalJson;
import io.vigil.audit.verifier.ChainHead;
import io.vigil.audit.verifier.ChainLink;
import io.vigil.audit.verifier.EvidenceContent;
import io.vigil.audit.verifier.SignedDigest;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash chains, the signed digests and the verify endpoint, against tampering done through SQL by a superuser who
 * disabled the append-only triggers (the threat model: a DBA with direct access). Each test uses a chain of its own
 * and undoes its tampering.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class IntegrityTest {

    @Inject
    ChainAppender appender;

    @Inject
    DigestService digests;

    @Inject
    DigestRepository digestRepository;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void appendedRecordsFormOneChainThatVerifies() {
        // Given
        String chain = TestEvidence.freshChain();
        AppendResult first = TestEvidence.append(appender, chain, 0, 3);
        AppendResult second = TestEvidence.append(appender, chain, 3, 2);

        // When
        signDigest();
        JsonPath verification = verify(chain);

        // Then
        assertThat(first.appended()).extracting(link -> link.link().seq()).containsExactly(1L, 2L, 3L);
        assertThat(second.appended().getFirst().link().previousHash())
                .isEqualTo(first.appended().getLast().link().hash());
        assertThat(verification.getString("status")).isEqualTo("ok");
        assertThat(verification.getLong("recordsChecked")).isEqualTo(5);
        assertThat(verification.getString("firstBreak")).isNull();
    }

    @Test
    void replayedEvidenceIsNotAppendedAgainAndTheChainDoesNotFork() {
        // Given
        String chain = TestEvidence.freshChain();
        NewEvidence evidence = TestEvidence.evidence(chain, 0);
        TestEvidence.append(appender, List.of(evidence));

        // When: the same message again, and a different message at an offset the chain already holds
        AppendResult replay = TestEvidence.append(appender, List.of(evidence, TestEvidence.evidence(chain, 0)));
        AppendResult next = TestEvidence.append(appender, chain, 1, 1);

        // Then
        assertThat(replay.appended()).isEmpty();
        assertThat(replay.duplicates()).hasSize(2);
        assertThat(next.appended().getFirst().link().seq()).isEqualTo(2);
        signDigest();
        assertThat(verify(chain).getLong("recordsChecked")).isEqualTo(2);
    }

    @Test
    void updatedPayloadIsReportedAsModified() throws SQLException {
        assertTamperingFound(3, "UPDATE evidence SET payload = jsonb_set(payload, '{n}', '999') "
                + "WHERE chain_id = ? AND seq = 2", "modified", 2);
    }

    @Test
    void deletedRowIsReportedAsDeleted() throws SQLException {
        assertTamperingFound(4, "DELETE FROM evidence WHERE chain_id = ? AND seq = 3", "deleted", 3);
    }

    @Test
    void swappedRowsAreReportedAsReordered() throws SQLException {
        assertTamperingFound(4, "UPDATE evidence SET seq = CASE seq WHEN 2 THEN 3 ELSE 2 END "
                + "WHERE chain_id = ? AND seq IN (2, 3)", "reordered", 2);
    }

    @Test
    void insertedRowIsReportedAsInserted() throws SQLException {
        // Given: a forged record at seq 2 with honest-looking hashes, linked to seq 1
        String chain = TestEvidence.freshChain();
        AppendResult appended = TestEvidence.append(appender, chain, 0, 3);
        signDigest();
        ChainLink first = appended.appended().getFirst().link();
        EvidenceContent forged = new EvidenceContent(chain, "event", "forged", null, Instant.now(), null, null,
                List.of(), null, null, null, null, 99L, CanonicalJson.parse("{\"forged\":true}"));
        ChainLink link = ChainLink.next(chain, 2, first.hash(), forged.contentHash());
        try (SuperuserSql sql = new SuperuserSql(dataSource).snapshot(chain)) {
            sql.execute("INSERT INTO evidence (chain_id, seq, kind, source_id, recorded_at, controls, kafka_offset, "
                    + "payload, previous_hash, content_hash, hash) VALUES (?, 2, 'event', 'forged', ?, '{}', 99, "
                    + "CAST(? AS jsonb), ?, ?, ?)", chain,
                    java.time.OffsetDateTime.ofInstant(forged.recordedAt(),
                            java.time.ZoneOffset.UTC),
                    "{\"forged\":true}", link.previousHash(), link.contentHash(),
                    link.hash());
            try {
                // When
                JsonPath verification = verify(chain);

                // Then
                assertBreak(verification, "inserted", chain, 2);
            } finally {
                sql.restore(chain);
            }
        }
    }

    @Test
    void deletedDigestIsReportedAsMissing() throws SQLException {
        // Given
        String chain = TestEvidence.freshChain();
        TestEvidence.append(appender, chain, 0, 1);
        signDigest();
        long middle = signDigest();
        signDigest();
        try (SuperuserSql sql = new SuperuserSql(dataSource).snapshot(chain)) {
            sql.execute("DELETE FROM evidence_digest WHERE seq = ?", middle);
            try {
                // When
                JsonPath verification = verify(chain);

                // Then
                assertThat(verification.getString("status")).isEqualTo("broken");
                assertThat(verification.getString("firstBreak.kind")).isEqualTo("missing-digest");
                assertThat(verification.getLong("firstBreak.digestSeq")).isEqualTo(middle);
            } finally {
                sql.restore(chain);
            }
        }
        assertThat(verify(chain).getString("status")).isEqualTo("ok");
    }

    @Test
    void digestWithAForeignSignatureIsReportedAsBadSignature() throws Exception {
        // Given: a digest whose signature was replaced by one from another Ed25519 key
        String chain = TestEvidence.freshChain();
        TestEvidence.append(appender, chain, 0, 1);
        long seq = signDigest();
        SignedDigest stored = digestRepository.find(seq).orElseThrow();
        Signature foreign = Signature.getInstance("Ed25519");
        foreign.initSign(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        foreign.update(stored.digest().canonicalBytes());
        String forgedSignature = Base64.getEncoder().encodeToString(foreign.sign());
        try (SuperuserSql sql = new SuperuserSql(dataSource).snapshot(chain)) {
            sql.execute("UPDATE evidence_digest SET signature = ? WHERE seq = ?", forgedSignature, seq);
            try {
                // When
                JsonPath verification = verify(chain);

                // Then
                assertThat(verification.getString("firstBreak.kind")).isEqualTo("bad-signature");
                assertThat(verification.getLong("firstBreak.digestSeq")).isEqualTo(seq);
            } finally {
                sql.restore(chain);
            }
        }
    }

    @Test
    void verifyingAPeriodChecksTheRecordsItsDigestsCoverAndNoOthers() throws SQLException {
        // Given: two records signed by one digest, two more by the next, and the first record then rewritten
        String chain = TestEvidence.freshChain();
        TestEvidence.append(appender, chain, 0, 2);
        String firstEnd = signedDigest().getString("periodEnd");
        TestEvidence.append(appender, chain, 2, 2);
        String secondEnd = signedDigest().getString("periodEnd");
        try (SuperuserSql sql = new SuperuserSql(dataSource).snapshot(chain)) {
            sql.execute("UPDATE evidence SET payload = jsonb_set(payload, '{n}', '999') "
                    + "WHERE chain_id = ? AND seq = 1", chain);
            try {
                // When
                JsonPath later = verifyPeriod(chain, firstEnd, secondEnd);

                // Then: the later period starts at the first digest's signed head, after the rewritten record
                assertThat(later.getString("status")).isEqualTo("ok");
                assertThat(later.getLong("recordsChecked")).isEqualTo(2);
                assertThat(later.getString("since")).isEqualTo(Instant.parse(firstEnd).toString());
                assertThat(later.getString("until")).isEqualTo(Instant.parse(secondEnd).toString());
                assertBreak(verifyPeriod(chain, null, firstEnd), "modified", chain, 1);
            } finally {
                sql.restore(chain);
            }
        }
    }

    @Test
    void appendOnlyTriggerRefusesUpdatesFromAnOrdinarySession() throws SQLException {
        // Given
        String chain = TestEvidence.freshChain();
        TestEvidence.append(appender, chain, 0, 1);

        // When / Then
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE evidence SET payload = '{}' WHERE chain_id = '"
                    + chain + "'")).hasMessageContaining("evidence is append-only: UPDATE refused");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM evidence_digest"))
                    .hasMessageContaining("evidence_digest is append-only: DELETE refused");
        }
    }

    @Test
    void digestIsSignedForAPeriodWithNoNewEvidence() {
        // Given: a chain whose two records a digest already covers
        String chain = TestEvidence.freshChain();
        AppendResult appended = TestEvidence.append(appender, chain, 0, 2);
        digests.signPeriodic(Duration.ZERO).orElseThrow();

        // When: nothing was appended to it since
        SignedDigest empty = digests.signPeriodic(Duration.ZERO).orElseThrow();

        // Then
        assertThat(empty.digest().chains()).contains(
                new ChainHead(chain, 3, 2, 0, appended.appended().getLast().link().hash()));
        assertThat(empty.digest().previousDigestHash())
                .isEqualTo(digestRepository.find(empty.digest().seq() - 1).orElseThrow().digest().hash());
    }

    @Test
    void scheduledDigestsArriveEveryInterval() {
        // Given
        Instant start = Instant.now();

        // When / Then: the test profile's interval is 10 s
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(digestRepository.latest())
                .hasValueSatisfying(latest -> assertThat(latest.digest().periodEnd()).isAfter(start)));
    }

    @Test
    void digestHeadsMatchTheChains() {
        // Given
        String chain = TestEvidence.freshChain();
        AppendResult appended = TestEvidence.append(appender, chain, 0, 4);

        // When
        SignedDigest digest = digestRepository.find(signDigest()).orElseThrow();

        // Then
        ChainHead head = digest.digest().chains().stream().filter(h -> h.chain().equals(chain)).findFirst()
                .orElseThrow();
        assertThat(head).isEqualTo(new ChainHead(chain, 1, 4, 4, appended.appended().getLast().link().hash()));
    }

    private void assertTamperingFound(int records, String tamperSql, String kind, long seq) throws SQLException {
        // Given
        String chain = TestEvidence.freshChain();
        TestEvidence.append(appender, chain, 0, records);
        signDigest();
        try (SuperuserSql sql = new SuperuserSql(dataSource).snapshot(chain)) {
            assertThat(sql.execute(tamperSql, chain)).isPositive();
            try {
                // When
                JsonPath verification = verify(chain);

                // Then
                assertBreak(verification, kind, chain, seq);
            } finally {
                sql.restore(chain);
            }
        }
        assertThat(verify(chain).getString("status")).isEqualTo("ok");
    }

    private static void assertBreak(JsonPath verification, String kind, String chain, long seq) {
        assertThat(verification.getString("status")).isEqualTo("broken");
        assertThat(verification.getString("firstBreak.kind")).isEqualTo(kind);
        assertThat(verification.getString("firstBreak.chain")).isEqualTo(chain);
        assertThat(verification.getLong("firstBreak.seq")).isEqualTo(seq);
    }

    private static long signDigest() {
        return given().auth().oauth2(Tokens.withRoles("audit-admin"))
                .when().post("/api/v1/digests")
                .then().statusCode(201).body("type", is("periodic")).extract().jsonPath().getLong("seq");
    }

    private static JsonPath signedDigest() {
        return given().auth().oauth2(Tokens.withRoles("audit-admin"))
                .when().post("/api/v1/digests")
                .then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath verifyPeriod(String chain, String since, String until) {
        var request = given().auth().oauth2(Tokens.auditor()).queryParam("chain", chain).queryParam("until", until);
        if (since != null) {
            request.queryParam("since", since);
        }
        return request.when().get("/api/v1/verify").then().statusCode(200).body("chain", is(chain))
                .extract().jsonPath();
    }

    private static JsonPath verify(String chain) {
        return given().auth().oauth2(Tokens.auditor()).queryParam("chain", chain)
                .when().get("/api/v1/verify")
                .then().statusCode(200).body("chain", is(chain)).body("until", nullValue())
                .extract().jsonPath();
    }
}
