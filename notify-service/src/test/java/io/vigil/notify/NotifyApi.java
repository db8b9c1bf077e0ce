package io.vigil.notify;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the notify API with the bearer tokens {@link ReceiversTestResource} minted. */
public final class NotifyApi {

    /** Config key of a token with role notify-operator. */
    public static final String OPERATOR_TOKEN = "vigil.test.token.operator";
    /** Config key of a token with role notify-viewer. */
    public static final String VIEWER_TOKEN = "vigil.test.token.viewer";
    /** Config key of a token with an unrelated role (auditor). */
    public static final String OTHER_ROLE_TOKEN = "vigil.test.token.other";

    private NotifyApi() {
    }

    /** @return a request as a notify-operator */
    public static RequestSpecification operator() {
        return as(OPERATOR_TOKEN);
    }

    /** @return a request as a notify-viewer */
    public static RequestSpecification viewer() {
        return as(VIEWER_TOKEN);
    }

    /** @return a request with the token under a config key */
    public static RequestSpecification as(String tokenKey) {
        return given().auth().oauth2(ConfigProvider.getConfig().getValue(tokenKey, String.class));
    }
}
