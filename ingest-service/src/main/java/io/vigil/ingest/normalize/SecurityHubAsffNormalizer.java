package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.firstNonBlank;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.requiredTime;
import static io.vigil.ingest.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes a {@code Security Hub Findings - Imported} event (ASFF): one event per element of
 * {@code detail.findings[]}. Each event's {@code raw} is the envelope with {@code detail.findings} holding only that
 * finding, verbatim, so rules that read the raw document see the finding the event is about. Stateless and
 * thread-safe.
 */
@ApplicationScoped
public class SecurityHubAsffNormalizer implements FindingNormalizer {

    /** The {@code sourceKind} of Security Hub ASFF findings. */
    public static final String SOURCE_KIND = "aws.securityhub";

    public List<NormalizedEvent> normalize(JsonNode envelope, Origin origin, Instant producedAt) {
        JsonNode findings = envelope.path("detail").path("findings");
        List<NormalizedEvent> events = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            events.add(normalizeFinding(envelope, i, origin, producedAt));
        }
        return events;
    }

    @Override
    public NormalizedEvent normalizeFinding(JsonNode envelope, int index, Origin origin, Instant producedAt) {
        return finding(envelope, envelope.path("detail").path("findings").path(index),
                "detail.findings[" + index + "]", origin, producedAt);
    }

    private static NormalizedEvent finding(JsonNode envelope, JsonNode finding, String path, Origin origin,
            Instant producedAt) {
        if (!finding.isObject()) {
            throw new InvalidShapeException("field '" + path + "' must be an object, was " + finding.getNodeType());
        }
        String findingId = requiredText(finding, "Id", path + ".Id");
        Instant updatedAt = requiredTime(finding, "UpdatedAt", path + ".UpdatedAt");
        String accountId = firstNonBlank(text(finding, "AwsAccountId"), text(envelope, "account"));
        if (accountId == null) {
            throw new InvalidShapeException("required field '" + path + ".AwsAccountId' is missing");
        }
        String region = firstNonBlank(text(finding, "Region"), text(envelope, "region"));
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION,
                StableIds.of(SOURCE_KIND, findingId, updatedAt.toString()), producedAt, SOURCE_KIND, findingId,
                eventClass(finding), updatedAt, accountId, region, null, null, null, null, resources(finding, path),
                severity(finding, path), origin, rawOf(envelope, finding));
    }

    /** Control checks carry {@code Compliance}; package vulnerabilities carry {@code Vulnerabilities}. */
    private static EventClass eventClass(JsonNode finding) {
        if (finding.path("Compliance").isObject()) {
            return EventClass.COMPLIANCE_FINDING;
        }
        if (finding.path("Vulnerabilities").isArray()) {
            return EventClass.VULNERABILITY_FINDING;
        }
        return EventClass.DETECTION_FINDING;
    }

    private static Severity severity(JsonNode finding, String path) {
        JsonNode severity = finding.path("Severity");
        Severity byLabel = FindingSeverities.label(text(severity, "Label"));
        if (byLabel != null) {
            return byLabel;
        }
        JsonNode normalized = severity.path("Normalized");
        if (normalized.isNumber()) {
            return FindingSeverities.asffNormalized(normalized.asInt());
        }
        throw new InvalidShapeException("required field '" + path + ".Severity.Label' is missing or unknown");
    }

    private static List<ResourceRef> resources(JsonNode finding, String path) {
        List<ResourceRef> resources = new ArrayList<>();
        for (JsonNode resource : finding.path("Resources")) {
            String id = text(resource, "Id");
            if (id != null) {
                boolean isArn = id.startsWith("arn:");
                resources.add(new ResourceRef(isArn ? id : null, text(resource, "Type"),
                        isArn ? Resources.nameOf(id) : id));
            }
        }
        return resources;
    }

    private static JsonNode rawOf(JsonNode envelope, JsonNode finding) {
        if (envelope.path("detail").path("findings").size() == 1) {
            return envelope;
        }
        ObjectNode raw = envelope.deepCopy();
        ((ObjectNode) raw.path("detail")).putArray("findings").add(finding);
        return raw;
    }
}
