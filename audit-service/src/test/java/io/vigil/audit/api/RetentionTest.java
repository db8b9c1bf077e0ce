package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.audit.chain.AppendResult;
import io.vigil.audit.chain.ChainAppender;
import io.vigil.audit.chain.EvidencePartitions;
import io.vigil.audit.retention.RetentionService;
import io.vigil.audit.verifier.ChainHead;
import io.vigil.audit.verifier.DigestType;
import io.vigil.audit.verifier.SignedDigest;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evidence lives in daily partitions; retention drops old ones and signs a digest that keeps the rest verifiable. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class RetentionTest {

    private static final Duration AGE = Duration.ofDays(400);

    @Inject
    MutableClock clock;

    @Inject
    ChainAppender appender;

    @Inject
    RetentionService retention;

    @Inject
    EvidencePartitions partitions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void evidenceIsStoredInTheDailyPartitionOfItsRecordedTime() throws SQLException {
        // Given: a record appended 30 days ago
        String chain = TestEvidence.freshChain();
        AppendResult old;
        clock.shift(Duration.ofDays(-30));
        try {
            old = TestEvidence.append(appender, chain, 0, 1);
        } finally {
            clock.reset();
        }

        // When
        AppendResult recent = TestEvidence.append(appender, chain, 1, 1);

        // Then
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT tableoid::regclass::text FROM evidence WHERE chain_id = ? ORDER BY seq")) {
            query.setString(1, chain);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        assertThat(tables).containsExactly(
                EvidencePartitions.name(LocalDate.ofInstant(old.appended().getFirst().recordedAt(), ZoneOffset.UTC)),
                EvidencePartitions.name(LocalDate.ofInstant(recent.appended().getFirst().recordedAt(),
                        ZoneOffset.UTC)));
        assertThat(tables.getFirst()).isNotEqualTo(tables.getLast());
    }

    @Test
    void removedPartitionsAreAnchoredByARetentionDigestAndTheRestStillVerifies() {
        // Given: three records 400 days old, then two recent ones, on one chain
        String chain = TestEvidence.freshChain();
        AppendResult old;
        clock.shift(AGE.negated());
        try {
            old = TestEvidence.append(appender, chain, 0, 3);
        } finally {
            clock.reset();
        }
        TestEvidence.append(appender, chain, 3, 2);
        given().auth().oauth2(Tokens.withRoles("audit-admin")).when().post("/api/v1/digests")
                .then().statusCode(201);
        LocalDate oldDay = LocalDate.ofInstant(old.appended().getFirst().recordedAt(), ZoneOffset.UTC);

        // When
        SignedDigest digest = retention.removeBefore(Instant.now().minus(AGE.minusDays(2))).orElseThrow();

        // Then
        assertThat(digest.digest().type()).isEqualTo(DigestType.RETENTION);
        assertThat(digest.digest().chains()).contains(
                new ChainHead(chain, 1, 3, 3, old.appended().getLast().link().hash()));
        assertThat(partitions.days()).doesNotContain(oldDay);
        JsonPath verification = given().auth().oauth2(Tokens.auditor()).queryParam("chain", chain)
                .when().get("/api/v1/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verification.getString("status")).isEqualTo("ok");
        assertThat(verification.getLong("recordsChecked")).isEqualTo(2);
    }
}
