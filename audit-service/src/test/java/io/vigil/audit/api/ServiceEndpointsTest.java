package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Health reflects Kafka and the database; the OpenAPI document describes the evidence endpoints. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class ServiceEndpointsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void migrationsLeaveTheKindConstraintValidatedAndAllowingMalformed() throws SQLException {
        // When: Flyway has migrated at startup (V2 adds the constraint NOT VALID, then validates it)
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT convalidated, pg_get_constraintdef(oid) "
                        + "FROM pg_constraint WHERE conname = 'evidence_kind_known' "
                        + "AND conrelid = 'evidence'::regclass")) {

            // Then
            assertThat(result.next()).isTrue();
            assertThat(result.getBoolean(1)).as("validated").isTrue();
            assertThat(result.getString(2)).contains("'malformed'");
        }
    }

    @Test
    void readinessIsUpWithKafkaAndTheDatabase() {
        // When
        var response = given().when().get("/q/health/ready");

        // Then
        response.then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("SmallRye Reactive Messaging - readiness check",
                        "Database connections health check"))
                .body("checks.status", everyItem(is("UP")));
    }

    @Test
    void openApiListsTheEvidenceEndpointsWithBearerSecurity() {
        // When
        var response = given().queryParam("format", "json").when().get("/q/openapi");

        // Then
        response.then().statusCode(200)
                .body("paths", hasKey("/api/v1/evidence"))
                .body("paths", hasKey("/api/v1/evidence/{kind}/{id}"))
                .body("paths", hasKey("/api/v1/evidence/{kind}/{id}/proof"))
                .body("paths", hasKey("/api/v1/alerts/{id}"))
                .body("paths", hasKey("/api/v1/digests"))
                .body("paths", hasKey("/api/v1/digests/{seq}"))
                .body("paths", hasKey("/api/v1/keys"))
                .body("paths", hasKey("/api/v1/verify"))
                .body("paths", hasKey("/api/v1/export"))
                .body("paths.'/api/v1/evidence'.get.parameters.name",
                        hasItems("kind", "key", "account", "region", "control", "rule", "actor", "eventName", "since",
                                "until", "limit", "after"))
                .body("paths.'/api/v1/evidence/{kind}/{id}'.get.responses", hasKey("404"))
                .body("components.securitySchemes.SecurityScheme.scheme", is("bearer"));
    }

    @Test
    void openApiListsEveryEvidenceKindForTheKindParameter() {
        // When
        var response = given().queryParam("format", "json").when().get("/q/openapi");

        // Then
        response.then().statusCode(200)
                .body("paths.'/api/v1/evidence'.get.parameters.find { it.name == 'kind' }.schema.enum",
                        containsInAnyOrder(Arrays.stream(EvidenceKind.values()).map(EvidenceKind::wireName)
                                .toArray()));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
