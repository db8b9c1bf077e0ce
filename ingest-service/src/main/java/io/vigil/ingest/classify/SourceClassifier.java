package io.vigil.ingest.classify;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recognizes a document by its shape. {@code detail-type} labels vary (service events, sign-ins and API calls all
 * carry CloudTrail records under different labels; Security Hub has two finding formats under similar labels), so
 * each source is recognized by fields only its documents have. Stateless and thread-safe.
 */
@ApplicationScoped
public class SourceClassifier {

    /** @return the classification of a parsed JSON document; never null */
    public Classification classify(JsonNode document) {
        if (isS3EventNotification(document)) {
            return new Classification(DocumentKind.S3_OBJECT_CREATED, null, document);
        }
        if (!isEventBridgeEnvelope(document)) {
            return new Classification(DocumentKind.UNRECOGNIZED, null, document);
        }
        JsonNode detail = document.get("detail");
        return new Classification(kindOfDetail(document, detail), document,
                isCloudTrailRecord(detail) ? detail : document);
    }

    private static DocumentKind kindOfDetail(JsonNode envelope, JsonNode detail) {
        if (!detail.isObject()) {
            return DocumentKind.EVENTBRIDGE_EVENT;
        }
        if (isCloudTrailRecord(detail)) {
            return DocumentKind.CLOUDTRAIL_EVENT;
        }
        if (isGuardDutyFinding(detail)) {
            return DocumentKind.GUARDDUTY_FINDING;
        }
        JsonNode first = detail.path("findings").path(0);
        if (detail.path("findings").isArray() && first.isObject()) {
            if (first.has("SchemaVersion") && first.has("ProductArn")) {
                return DocumentKind.SECURITY_HUB_ASFF_FINDINGS;
            }
            if (first.has("class_uid") && first.has("finding_info")) {
                return DocumentKind.SECURITY_HUB_OCSF_FINDINGS;
            }
        }
        String messageType = detail.path("messageType").asText("");
        if (messageType.endsWith("ConfigurationItemChangeNotification")) {
            return DocumentKind.CONFIG_ITEM_CHANGE;
        }
        if ("ComplianceChangeNotification".equals(messageType) || detail.path("newEvaluationResult").isObject()
                && detail.has("configRuleName")) {
            return DocumentKind.CONFIG_COMPLIANCE_CHANGE;
        }
        if (detail.path("findingArn").asText("").contains(":inspector2:")) {
            return DocumentKind.INSPECTOR_FINDING;
        }
        if (detail.path("bucket").path("name").isTextual() && detail.path("object").path("key").isTextual()
                && "aws.s3".equals(envelope.path("source").asText())
                && "Object Created".equals(envelope.path("detail-type").asText())) {
            return DocumentKind.S3_OBJECT_CREATED;
        }
        return DocumentKind.EVENTBRIDGE_EVENT;
    }

    private static boolean isEventBridgeEnvelope(JsonNode node) {
        return node.isObject()
                && node.path("detail-type").isTextual()
                && node.path("source").isTextual()
                && node.path("id").isTextual()
                && node.has("detail");
    }

    private static boolean isCloudTrailRecord(JsonNode detail) {
        return detail.isObject()
                && detail.path("eventVersion").isTextual()
                && detail.path("eventSource").isTextual()
                && detail.path("eventName").isTextual()
                && detail.has("userIdentity");
    }

    /** GuardDuty findings name their service and carry a numeric severity and a GuardDuty finding ARN. */
    private static boolean isGuardDutyFinding(JsonNode detail) {
        return detail.path("id").isTextual()
                && detail.path("type").isTextual()
                && ("guardduty".equals(detail.path("service").path("serviceName").asText())
                        || detail.path("arn").asText("").contains(":guardduty:"));
    }

    /** The S3 event-notification format: {@code Records[]} whose entries have {@code eventSource} {@code aws:s3}. */
    private static boolean isS3EventNotification(JsonNode document) {
        JsonNode first = document.path("Records").path(0);
        return document.isObject() && "aws:s3".equals(first.path("eventSource").asText())
                && first.path("s3").isObject();
    }
}
