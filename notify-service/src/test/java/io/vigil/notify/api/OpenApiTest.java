package io.vigil.notify.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.notify.NotifyTestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class OpenApiTest {

    @Test
    void openApiDocumentListsEveryEndpointOfTheNotifyApi() {
        // When
        JsonPath document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();

        // Then
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/routing/explain", "/api/v1/deliveries", "/api/v1/notifications",
                "/api/v1/notifications/{id}", "/api/v1/notifications/{id}/replay", "/api/v1/silences",
                "/api/v1/silences/{id}", "/api/v1/alerts/{alertId}/acknowledge", "/api/v1/alerts/{alertId}/resolve");
        assertThat(paths.get("/api/v1/silences")).containsKeys("get", "post");
        assertThat(paths.get("/api/v1/silences/{id}")).containsKeys("get", "delete");
        assertThat(paths.get("/api/v1/notifications/{id}/replay")).containsKey("post");
    }
}
