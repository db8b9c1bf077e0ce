package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** Every evidence endpoint needs a valid bearer token with the auditor or audit-admin role. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class EvidenceResourceSecurityTest {

    private static final String LIST = "/api/v1/evidence";
    private static final String ONE = "/api/v1/evidence/alert/no-such-alert";

    @Test
    void listWithoutTokenIsRejectedWith401() {
        // When
        var response = given().when().get(LIST);

        // Then
        response.then().statusCode(401).header("WWW-Authenticate", is("Bearer"));
    }

    @Test
    void getOneWithoutTokenIsRejectedWith401() {
        // When
        var response = given().when().get(ONE);

        // Then
        response.then().statusCode(401).header("WWW-Authenticate", is("Bearer"));
    }

    @Test
    void expiredTokenIsRejectedWith401() {
        // Given
        String token = Tokens.expired();

        // When
        var response = given().auth().oauth2(token).when().get(LIST);

        // Then
        response.then().statusCode(401);
    }

    @Test
    void tokenFromAnotherIssuerIsRejectedWith401() {
        // Given
        String token = Tokens.fromIssuer("https://evil.example.com");

        // When
        var response = given().auth().oauth2(token).when().get(LIST);

        // Then
        response.then().statusCode(401);
    }

    @Test
    void tamperedTokenIsRejectedWith401() {
        // Given
        String token = Tokens.tampered();

        // When
        var response = given().auth().oauth2(token).when().get(LIST);

        // Then
        response.then().statusCode(401);
    }

    @Test
    void tokenSignedByAnUnknownKeyIsRejectedWith401() {
        // Given
        String token = Tokens.signedByUnknownKey();

        // When
        var response = given().auth().oauth2(token).when().get(LIST);

        // Then
        response.then().statusCode(401);
    }

    @Test
    void listWithoutAnAuditRoleIsForbiddenWith403() {
        // Given
        String token = Tokens.withRoles("rules-editor");

        // When
        var response = given().auth().oauth2(token).when().get(LIST);

        // Then
        response.then().statusCode(403);
    }

    @Test
    void getOneWithoutAnAuditRoleIsForbiddenWith403() {
        // Given
        String token = Tokens.withRoles("rules-editor");

        // When
        var response = given().auth().oauth2(token).when().get(ONE);

        // Then
        response.then().statusCode(403);
    }

    @Test
    void auditAdminMayReadEvidence() {
        // Given
        String token = Tokens.withRoles("audit-admin");

        // When
        var response = given().auth().oauth2(token).queryParam("limit", 1).when().get(LIST);

        // Then
        response.then().statusCode(200);
    }
}
