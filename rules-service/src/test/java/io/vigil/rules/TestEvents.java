package io.vigil.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.ContractJson;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Normalized events made from the EventBridge envelopes in {@code src/test/resources/events/}, normalized the way the
 * ingest-service does it for CloudTrail (only the fields rules and alerts read).
 */
public final class TestEvents {

    /** The account id written in the sample envelopes. */
    public static final String SAMPLE_ACCOUNT = "111122223333";
    public static final String STOP_LOGGING = "stop-logging.json";
    public static final String DESCRIBE_INSTANCES = "describe-instances.json";
    public static final String CONSOLE_LOGIN_WITHOUT_MFA = "console-login-without-mfa.json";
    public static final String ROOT_LIST_BUCKETS = "root-list-buckets.json";
    public static final String ACCESS_DENIED = "access-denied.json";

    private TestEvents() {
    }

    /** @return the sample as written */
    public static NormalizedEvent sample(String name) {
        return normalize(envelope(name, SAMPLE_ACCOUNT, null));
    }

    /** @return the sample moved to {@code accountId}, with a fresh CloudTrail event id */
    public static NormalizedEvent sample(String name, String accountId) {
        return normalize(envelope(name, accountId, UUID.randomUUID().toString()));
    }

    /** @return a fresh 12-digit account id, to isolate tests that share a broker */
    public static String freshAccountId() {
        return String.format("%012d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000L));
    }

    private static JsonNode envelope(String name, String accountId, String eventId) {
        try (InputStream in = TestEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test event " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SAMPLE_ACCOUNT, accountId);
            JsonNode envelope = ContractJson.mapper().readTree(text);
            if (eventId != null) {
                ((ObjectNode) envelope.get("detail")).put("eventID", eventId);
            }
            return envelope;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read test event " + name, e);
        }
    }

    private static NormalizedEvent normalize(JsonNode envelope) {
        JsonNode detail = envelope.get("detail");
        JsonNode identity = detail.path("userIdentity");
        String mfa = identity.path("sessionContext").path("attributes").path("mfaAuthenticated").asText(null);
        Actor actor = new Actor(
                text(identity, "type"),
                text(identity, "arn"),
                text(identity, "userName"),
                text(identity, "accountId"),
                mfa == null ? null : Boolean.valueOf(mfa),
                text(identity.path("sessionContext").path("sessionIssuer"), "arn"),
                text(identity, "invokedBy"));
        String errorCode = text(detail, "errorCode");
        Action action = new Action(
                text(detail, "eventSource"),
                text(detail, "eventName"),
                errorCode == null ? Outcome.SUCCESS : Outcome.FAILURE,
                errorCode,
                text(detail, "errorMessage"),
                detail.path("readOnly").isBoolean() ? detail.get("readOnly").booleanValue() : null);
        String trail = detail.path("requestParameters").path("name").asText("");
        List<ResourceRef> resources = trail.startsWith("arn:aws:cloudtrail:")
                ? List.of(
                        new ResourceRef(trail, "AWS::CloudTrail::Trail", trail.substring(trail.indexOf("trail/") + 6)))
                : List.of();
        String eventId = text(detail, "eventID");
        return new NormalizedEvent(
                NormalizedEvent.SCHEMA_VERSION,
                StableIds.of("aws.cloudtrail", eventId),
                Instant.parse("2026-11-23T08:20:00Z"),
                "aws.cloudtrail",
                eventId,
                "ConsoleLogin".equals(text(detail, "eventName")) ? EventClass.AUTHENTICATION : EventClass.API_ACTIVITY,
                Instant.parse(text(detail, "eventTime")),
                text(envelope, "account"),
                text(detail, "awsRegion"),
                actor,
                action,
                text(detail, "sourceIPAddress"),
                text(detail, "userAgent"),
                resources,
                null,
                new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil-events", "test-message"),
                envelope);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
