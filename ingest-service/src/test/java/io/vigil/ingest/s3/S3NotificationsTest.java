package io.vigil.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The objects named by both notification formats S3 delivers, and what their keys say they are. */
class S3NotificationsTest {

    @Test
    void s3EventNotificationKeysAreUrlDecodedAndOnlyCreatedObjectsCount() {
        // Given: S3 writes keys URL-encoded in this format (a space as +)
        JsonNode notification = ContractJson.read(
                """
                        {"Records":[
                          {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                           "s3":{"bucket":{"name":"org-trail-logs"},"object":{"key":
                             "trail+prefix/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/2026/11/23/111122223333_CloudTrail_us-east-1_20261123T0850Z_a%3Ab.json.gz"}}},
                          {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectRemoved:Delete",
                           "s3":{"bucket":{"name":"org-trail-logs"},"object":{"key":"AWSLogs/111122223333/CloudTrail/old.json.gz"}}},
                          {"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:CompleteMultipartUpload",
                           "s3":{"bucket":{"name":"org-trail-logs"},"object":{"key":
                             "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/23/111122223333_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261123T0900Z.json.gz"}}}
                        ]}
                        """,
                JsonNode.class);

        // When
        List<S3ObjectRef> objects = S3Notifications.createdObjects(notification);

        // Then
        assertThat(objects).containsExactly(
                new S3ObjectRef("org-trail-logs", "trail prefix/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/"
                        + "2026/11/23/111122223333_CloudTrail_us-east-1_20261123T0850Z_a:b.json.gz"),
                new S3ObjectRef("org-trail-logs", "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/23/"
                        + "111122223333_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261123T0900Z.json.gz"));
        assertThat(objects).extracting(S3ObjectRef::kind).containsExactly(LogObjectKind.LOG_FILE,
                LogObjectKind.DIGEST_FILE);
    }

    @Test
    void eventBridgeObjectCreatedKeyIsTakenAsItIs() {
        // Given: EventBridge writes the key unencoded
        JsonNode event = ContractJson.read("""
                {"version":"0","id":"e1","detail-type":"Object Created","source":"aws.s3","account":"111122223333",
                 "time":"2026-11-23T09:00:05Z","region":"us-east-1","resources":["arn:aws:s3:::org-trail-logs"],
                 "detail":{"version":"0","bucket":{"name":"org-trail-logs"},"object":{"key":
                   "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/a+b%3A.json.gz","size":2048},
                   "reason":"PutObject"}}
                """, JsonNode.class);

        // When
        List<S3ObjectRef> objects = S3Notifications.createdObjects(event);

        // Then
        assertThat(objects).containsExactly(new S3ObjectRef("org-trail-logs",
                "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/a+b%3A.json.gz"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/23/f.json.gz, LOG_FILE",
            "AWSLogs/o-exampleorgid/111122223333/CloudTrail/eu-west-1/2026/11/23/f.json.gz, LOG_FILE",
            "AWSLogs/111122223333/CloudTrail-Insight/eu-west-1/2026/11/23/f.json.gz, LOG_FILE",
            "my-prefix/AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/11/23/f.json.gz, DIGEST_FILE",
            "AWSLogs/111122223333/Config/eu-west-1/2026/11/23/ConfigSnapshot/f.json.gz, OTHER",
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/23/f.txt, OTHER",
            "AWSLogs/1111/CloudTrail/eu-west-1/2026/11/23/f.json.gz, OTHER"})
    void keyLayoutSaysWhatTheObjectIs(String key, LogObjectKind kind) {
        // When / Then
        assertThat(new S3ObjectRef("b", key).kind()).isEqualTo(kind);
    }
}
