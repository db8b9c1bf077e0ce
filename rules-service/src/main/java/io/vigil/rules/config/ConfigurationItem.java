package io.vigil.rules.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.rules.dialect.EventDocument;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An AWS Config configuration item carried by a {@code Configuration Item Change} EventBridge event.
 *
 * @param item the {@code configurationItem} (or, for oversized notifications, {@code configurationItemSummary})
 * @param oversized whether Config left the configuration out (it is in S3 only)
 */
record ConfigurationItem(JsonNode item, boolean oversized) {

    private static final String CONFIG_KIND = "aws.config";

    /** @return the item the event carries, or null when it carries none */
    static ConfigurationItem of(EventDocument document) {
        if (!CONFIG_KIND.equals(document.event().sourceKind())) {
            return null;
        }
        JsonNode detail = document.envelope().path("detail");
        JsonNode full = detail.path("configurationItem");
        if (full.isObject()) {
            return new ConfigurationItem(full, false);
        }
        JsonNode summary = detail.path("configurationItemSummary");
        return summary.isObject() ? new ConfigurationItem(summary, true) : null;
    }

    String resourceType() {
        return item.path("resourceType").asText("");
    }

    /** @return the ARN, or {@code <type>/<id>} when Config gives none */
    String arn() {
        String arn = item.path("ARN").asText("");
        return arn.isBlank() ? resourceType() + "/" + item.path("resourceId").asText("") : arn;
    }

    /** @return whether Config reports the resource as deleted */
    boolean deleted() {
        return item.path("configurationItemStatus").asText("").startsWith("ResourceDeleted");
    }

    JsonNode configuration() {
        return item.path("configuration");
    }

    JsonNode supplementaryConfiguration() {
        return item.path("supplementaryConfiguration");
    }

    JsonNode tags() {
        return item.path("tags");
    }

    String stateId() {
        return item.path("configurationStateId").asText(null);
    }

    Instant capturedAt() {
        try {
            return Instant.parse(item.path("configurationItemCaptureTime").asText(""));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
