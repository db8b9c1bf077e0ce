package io.vigil.localinfra.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The sample events under {@code samples/} on the classpath. */
public final class Samples {

    /** CloudTrail {@code StopLogging} by an IAM user: CIS CloudWatch.5. */
    public static final String STOP_LOGGING = "cloudtrail-stoplogging.json";
    /** A read-only {@code DescribeInstances} by an assumed role: benign. */
    public static final String DESCRIBE_INSTANCES = "cloudtrail-describeinstances.json";
    /** A successful console sign-in without MFA: CIS CloudWatch.3. */
    public static final String SIGNIN_WITHOUT_MFA = "signin-without-mfa.json";
    /** A failed console sign-in without a user name: CIS CloudWatch.6. */
    public static final String SIGNIN_FAILED = "signin-failed-authentication.json";
    /** The root user creating an access key: CIS CloudWatch.1. */
    public static final String ROOT_CREATE_ACCESS_KEY = "root-create-access-key.json";
    /** An {@code AccessDenied} S3 call: CIS CloudWatch.2. */
    public static final String S3_ACCESS_DENIED = "s3-access-denied.json";
    /** A security group opened to the world: CIS CloudWatch.10. */
    public static final String SECURITY_GROUP_INGRESS = "security-group-ingress.json";
    /** An EventBridge event of a kind Vigil does not normalize: passes through as generic. */
    public static final String EVENTBRIDGE_GENERIC = "eventbridge-generic.json";
    /** A line of text: dead-lettered as INVALID_JSON. */
    public static final String NOT_JSON = "not-json.txt";

    /** The samples the local run's samples command sends, in order. */
    public static final List<String> TOUR = List.of(STOP_LOGGING, DESCRIBE_INSTANCES, SIGNIN_WITHOUT_MFA,
            SIGNIN_FAILED, ROOT_CREATE_ACCESS_KEY, S3_ACCESS_DENIED, SECURITY_GROUP_INGRESS, NOT_JSON);

    private Samples() {
    }

    /** @return the sample's text, exactly as stored */
    public static String read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample named " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of a JSON sample as if it just happened: a new CloudTrail {@code eventID} and EventBridge {@code id},
     * and {@code now} as its times. Text samples come back unchanged.
     *
     * @param name the sample
     * @param now the time to stamp
     */
    public static String fresh(String name, Instant now) {
        String text = read(name);
        if (!name.endsWith(".json")) {
            return text;
        }
        JsonNode document = ContractJson.read(text, JsonNode.class);
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode envelope = (ObjectNode) document;
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", time);
        if (envelope.path("detail").isObject()) {
            ObjectNode detail = (ObjectNode) envelope.get("detail");
            if (detail.has("eventID")) {
                detail.put("eventID", UUID.randomUUID().toString());
                detail.put("eventTime", time);
            }
        }
        return ContractJson.writeString(document);
    }
}
