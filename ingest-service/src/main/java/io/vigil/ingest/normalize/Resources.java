package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the resources a source document names, once each, in document order. */
final class Resources {

    private Resources() {
    }

    /** CloudTrail's {@code resources[]} ({@code ARN}, {@code type}), then the envelope's ARN strings. */
    static List<ResourceRef> fromCloudTrail(JsonNode record, JsonNode envelope) {
        Map<String, ResourceRef> byArn = new LinkedHashMap<>();
        for (JsonNode resource : record.path("resources")) {
            String arn = JsonFields.text(resource, "ARN");
            if (arn != null) {
                byArn.putIfAbsent(arn, new ResourceRef(arn, JsonFields.text(resource, "type"), nameOf(arn)));
            }
        }
        addEnvelopeResources(envelope, byArn);
        return new ArrayList<>(byArn.values());
    }

    /** The envelope's {@code resources[]}, a list of ARN strings. */
    static List<ResourceRef> fromEnvelope(JsonNode envelope) {
        Map<String, ResourceRef> byArn = new LinkedHashMap<>();
        addEnvelopeResources(envelope, byArn);
        return new ArrayList<>(byArn.values());
    }

    private static void addEnvelopeResources(JsonNode envelope, Map<String, ResourceRef> byArn) {
        if (envelope == null) {
            return;
        }
        for (JsonNode arn : envelope.path("resources")) {
            if (arn.isTextual() && !arn.asText().isBlank()) {
                byArn.putIfAbsent(arn.asText(), new ResourceRef(arn.asText(), null, nameOf(arn.asText())));
            }
        }
    }

    /** The part of an ARN after the last {@code /} or {@code :}, which names the resource. */
    static String nameOf(String arn) {
        int cut = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
        return cut < 0 || cut == arn.length() - 1 ? null : arn.substring(cut + 1);
    }
}
