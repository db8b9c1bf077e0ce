package io.vigil.ingest.classify;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recognizes a document by its shape. {@code detail-type} labels vary (service events, sign-ins and API calls all
 * carry CloudTrail records under different labels), so a CloudTrail record is recognized by the fields every
 * CloudTrail record has. Stateless and thread-safe.
 */
@ApplicationScoped
public class SourceClassifier {

    /** @return the classification of a parsed JSON document; never null */
    public Classification classify(JsonNode document) {
        if (!isEventBridgeEnvelope(document)) {
            return new Classification(DocumentKind.UNRECOGNIZED, null, document);
        }
        JsonNode detail = document.get("detail");
        if (isCloudTrailRecord(detail)) {
            return new Classification(DocumentKind.CLOUDTRAIL_EVENT, document, detail);
        }
        return new Classification(DocumentKind.EVENTBRIDGE_EVENT, document, document);
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
}
