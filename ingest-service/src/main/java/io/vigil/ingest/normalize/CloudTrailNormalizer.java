package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.firstNonBlank;
import static io.vigil.ingest.normalize.JsonFields.requiredInstant;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.text;
import static io.vigil.ingest.normalize.JsonFields.yesNo;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.StableIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Normalizes a CloudTrail record: API calls, console sign-ins and AWS service events, whether it arrived inside an
 * EventBridge envelope or (later) in a CloudTrail log file. The field mapping is documented in
 * {@code docs/ingest.md}. Stateless and thread-safe.
 */
@ApplicationScoped
public class CloudTrailNormalizer {

    /** The {@code sourceKind} of events made from CloudTrail records. */
    public static final String SOURCE_KIND = "aws.cloudtrail";

    private static final String SIGNIN_SERVICE = "signin.amazonaws.com";
    /** CloudTrail's {@code userIdentity.userName} of a sign-in that failed on a user name that does not exist. */
    private static final String HIDDEN_USER_NAME = "HIDDEN_DUE_TO_SECURITY_REASONS";

    /**
     * @param envelope the EventBridge envelope around the record; null for a record from a log file
     * @param record the CloudTrail record
     * @param origin where the document entered Vigil
     * @param raw the source document to keep verbatim
     * @param producedAt the production time to stamp
     * @throws InvalidShapeException when a required field is missing or malformed
     */
    public NormalizedEvent normalize(JsonNode envelope, JsonNode record, Origin origin, JsonNode raw,
            Instant producedAt) {
        String eventId = requiredText(record, "eventID", "detail.eventID");
        Instant time = requiredInstant(record, "eventTime", "detail.eventTime");
        String service = requiredText(record, "eventSource", "detail.eventSource");
        String operation = requiredText(record, "eventName", "detail.eventName");
        JsonNode identity = record.path("userIdentity");
        String accountId = firstNonBlank(text(record, "recipientAccountId"),
                envelope == null ? null : text(envelope, "account"), text(identity, "accountId"));
        if (accountId == null) {
            throw new InvalidShapeException("required field 'detail.recipientAccountId' (or 'account') is missing");
        }
        String region = firstNonBlank(text(record, "awsRegion"), envelope == null ? null : text(envelope, "region"));

        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of(SOURCE_KIND, eventId), producedAt,
                SOURCE_KIND, eventId, eventClass(service, operation), time, accountId, region,
                actor(identity, record), action(record, service, operation), text(record, "sourceIPAddress"),
                text(record, "userAgent"), Resources.fromCloudTrail(record, envelope), null, origin, raw);
    }

    /** Every sign-in service event (ConsoleLogin, Identity Center UserAuthentication, ...) is an authentication. */
    private static EventClass eventClass(String service, String operation) {
        return SIGNIN_SERVICE.equals(service) ? EventClass.AUTHENTICATION : EventClass.API_ACTIVITY;
    }

    private static Actor actor(JsonNode identity, JsonNode record) {
        // service events name no type: AWS itself acted (the CloudTrail userIdentity reference calls it AWSService)
        String type = firstNonBlank(text(identity, "type"),
                "AwsServiceEvent".equals(text(record, "eventType")) ? "AWSService" : null, "Unknown");
        String arn = text(identity, "arn");
        JsonNode sessionContext = identity.path("sessionContext");
        JsonNode issuer = sessionContext.path("sessionIssuer");
        String userName = firstNonBlank(knownUserName(text(identity, "userName")), sessionName(type, arn),
                text(identity.path("onBehalfOf"), "userId"));
        Boolean mfa = yesNo(text(sessionContext.path("attributes"), "mfaAuthenticated"));
        if (mfa == null) {
            // console sign-ins report MFA as additionalEventData.MFAUsed = "Yes" | "No"
            mfa = yesNo(text(record.path("additionalEventData"), "MFAUsed"));
        }
        return new Actor(type, arn, userName, text(identity, "accountId"), mfa, text(issuer, "arn"),
                text(identity, "invokedBy"));
    }

    /** The placeholder of a sign-in with an unknown user name names nobody: no user name rather than a fake one. */
    private static String knownUserName(String userName) {
        return HIDDEN_USER_NAME.equals(userName) ? null : userName;
    }

    /**
     * Identities without {@code userName}: an assumed-role ARN ends in {@code role-name/session-name} (the session
     * name identifies the person), a federated user's in {@code federated-user/user-name}.
     */
    private static String sessionName(String type, String arn) {
        if (!("AssumedRole".equals(type) || "FederatedUser".equals(type)) || arn == null || arn.indexOf('/') < 0) {
            return null;
        }
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** Sign-in service events report their result in {@code serviceEventDetails}, e.g. UserAuthentication: Failure. */
    private static boolean serviceEventFailed(JsonNode record) {
        for (JsonNode value : record.path("serviceEventDetails")) {
            if (value.isTextual() && "Failure".equalsIgnoreCase(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Action action(JsonNode record, String service, String operation) {
        String errorCode = text(record, "errorCode");
        String errorMessage = text(record, "errorMessage");
        String consoleResult = text(record.path("responseElements"), "ConsoleLogin");
        Outcome outcome;
        if (errorCode != null || "Failure".equalsIgnoreCase(consoleResult) || serviceEventFailed(record)) {
            outcome = Outcome.FAILURE;
        } else {
            outcome = Outcome.SUCCESS;
        }
        JsonNode readOnly = record.path("readOnly");
        return new Action(service, operation, outcome, errorCode, errorMessage,
                readOnly.isBoolean() ? readOnly.booleanValue() : null);
    }
}
