package io.vigil.audit.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint answers 401 without a valid token and 403 without the role it needs. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class EndpointSecurityTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/v1/evidence",
            "GET, /api/v1/evidence/event/some-id",
            "GET, /api/v1/evidence/event/some-id/proof",
            "GET, /api/v1/alerts/some-id",
            "GET, /api/v1/digests",
            "GET, /api/v1/digests/1",
            "POST, /api/v1/digests",
            "GET, /api/v1/keys",
            "GET, /api/v1/verify",
            "GET, /api/v1/export"
    })
    void endpointWithoutTokenIsRejectedWith401(String method, String path) {
        given().when().request(method, path).then().statusCode(401).header("WWW-Authenticate", is("Bearer"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/v1/evidence",
            "GET, /api/v1/evidence/event/some-id",
            "GET, /api/v1/evidence/event/some-id/proof",
            "GET, /api/v1/alerts/some-id",
            "GET, /api/v1/digests",
            "GET, /api/v1/digests/1",
            "POST, /api/v1/digests",
            "GET, /api/v1/keys",
            "GET, /api/v1/verify",
            "GET, /api/v1/export"
    })
    void endpointWithoutAnAuditRoleIsForbiddenWith403(String method, String path) {
        given().auth().oauth2(Tokens.withRoles("rules-editor")).when().request(method, path).then().statusCode(403);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POST, /api/v1/digests"})
    void managementEndpointIsForbiddenToAuditorsWith403(String method, String path) {
        given().auth().oauth2(Tokens.auditor()).when().request(method, path).then().statusCode(403);
    }
}
