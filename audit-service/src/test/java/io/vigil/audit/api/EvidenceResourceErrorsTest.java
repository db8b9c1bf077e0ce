package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors are application/problem+json with exactly status, code and message. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class EvidenceResourceErrorsTest {

    @Test
    void unknownIdIs404WithProblemJson() {
        // Given
        String id = Messages.freshId();

        // When
        var response = given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/evidence/alert/{id}", id);

        // Then
        Map<String, Object> problem = response.then().statusCode(404).contentType("application/problem+json")
                .extract().jsonPath().getMap("$");
        assertThat(problem).containsExactlyInAnyOrderEntriesOf(Map.of(
                "status", 404, "code", "evidence-not-found", "message", "No alert evidence with id " + id));
    }

    @Test
    void unknownKindInThePathIs400() {
        // When
        var response = given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/evidence/invoice/123");

        // Then
        Map<String, Object> problem = response.then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath().getMap("$");
        assertThat(problem).containsExactlyInAnyOrderEntriesOf(Map.of("status", 400, "code", "unknown-kind",
                "message", "Unknown evidence kind 'invoice'; known kinds: event, dead_letter, alert, compliance, "
                        + "rule_change, delivery, api_access, malformed"));
    }

    @Test
    void unknownKindFilterIs400() {
        // When
        var response = given().auth().oauth2(Tokens.auditor()).queryParam("kind", "alerts")
                .when().get("/api/v1/evidence");

        // Then
        Map<String, Object> problem = response.then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath().getMap("$");
        assertThat(problem).containsEntry("code", "unknown-kind").containsEntry("status", 400);
    }

    @Test
    void limitAboveTheMaximumIs400NamingTheParameter() {
        // When
        var response = given().auth().oauth2(Tokens.auditor()).queryParam("limit", "5000")
                .when().get("/api/v1/evidence");

        // Then
        Map<String, Object> problem = response.then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath().getMap("$");
        assertThat(problem).containsExactlyInAnyOrderEntriesOf(Map.of("status", 400, "code", "invalid-parameter",
                "message", "limit must be between 1 and 1000, was 5000"));
    }

    @Test
    void malformedSinceIs400NamingTheParameter() {
        // When
        var response = given().auth().oauth2(Tokens.auditor()).queryParam("since", "yesterday")
                .when().get("/api/v1/evidence");

        // Then
        Map<String, Object> problem = response.then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath().getMap("$");
        assertThat(problem).containsExactlyInAnyOrderEntriesOf(Map.of("status", 400, "code", "invalid-parameter",
                "message", "since must be an ISO-8601 instant such as 2026-01-31T23:59:59Z, was 'yesterday'"));
    }

    @Test
    void unknownPathIs404WithProblemJson() {
        // When
        var response = given().auth().oauth2(Tokens.auditor()).when().get("/api/v1/evidence/alert/1/extra");

        // Then
        Map<String, Object> problem = response.then().statusCode(404).contentType("application/problem+json")
                .extract().jsonPath().getMap("$");
        assertThat(problem).containsExactlyInAnyOrderEntriesOf(Map.of(
                "status", 404, "code", "not-found", "message", "Not Found"));
    }
}
