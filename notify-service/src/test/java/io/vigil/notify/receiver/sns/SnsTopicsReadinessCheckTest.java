package io.vigil.notify.receiver.sns;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.ReceiversTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class SnsTopicsReadinessCheckTest {

    @Test
    void readinessIsDownNamingTheReceiverWhoseTopicIsMissingAndReportsTheReachableOne() {
        // When / Then
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'SNS topics' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'SNS topics' }.data.'broken-sns'",
                        startsWith("unavailable: " + ReceiversTestResource.MISSING_TOPIC_ARN + ": "))
                .body("checks.find { it.name == 'SNS topics' }.data.'security-sns'",
                        equalTo("reachable: arn:aws:sns:us-east-1:000000000000:" + ReceiversTestResource.TOPIC));
    }
}
