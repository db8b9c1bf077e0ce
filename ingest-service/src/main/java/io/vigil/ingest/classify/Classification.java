package io.vigil.ingest.classify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a document is, and where in it the source record sits.
 *
 * @param kind the recognized kind
 * @param envelope the EventBridge envelope; null when the document has none
 * @param record the source record: the CloudTrail record for {@link DocumentKind#CLOUDTRAIL_EVENT}, the envelope
 *        for {@link DocumentKind#EVENTBRIDGE_EVENT}, the whole document otherwise
 */
public record Classification(DocumentKind kind, JsonNode envelope, JsonNode record) {
}
