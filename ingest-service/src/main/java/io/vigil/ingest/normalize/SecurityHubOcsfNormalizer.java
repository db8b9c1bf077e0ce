package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.firstNonBlank;
import static io.vigil.ingest.normalize.JsonFields.optionalTime;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
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
 * Normalizes a Security Hub {@code Findings Imported V2} event, whose {@code detail.findings[]} are OCSF findings:
 * one event per finding, {@code raw} as for ASFF (the envelope holding only that finding). The OCSF class of the
 * finding is kept. Stateless and thread-safe.
 */
@ApplicationScoped
public class SecurityHubOcsfNormalizer implements FindingNormalizer {

    /** The {@code sourceKind} of Security Hub OCSF findings. */
    public static final String SOURCE_KIND = "aws.securityhub.ocsf";

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
        JsonNode info = finding.path("finding_info");
        String findingId = requiredText(info, "uid", path + ".finding_info.uid");
        Instant time = firstTime(finding, info, path);
        JsonNode cloud = finding.path("cloud");
        String accountId = firstNonBlank(text(cloud.path("account"), "uid"), text(envelope, "account"));
        if (accountId == null) {
            throw new InvalidShapeException("required field '" + path + ".cloud.account.uid' is missing");
        }
        String region = firstNonBlank(text(cloud, "region"), text(envelope, "region"));
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION,
                StableIds.of(SOURCE_KIND, findingId, time.toString()), producedAt, SOURCE_KIND, findingId,
                eventClass(finding.path("class_uid").asInt()), time, accountId, region, null, null, null, null,
                resources(finding), severity(finding), origin, rawOf(envelope, finding));
    }

    /** The finding's last modification, else its event time: OCSF {@code *_dt} strings or epoch milliseconds. */
    private static Instant firstTime(JsonNode finding, JsonNode info, String path) {
        Instant time = optionalTime(info, "modified_time_dt", path + ".finding_info.modified_time_dt");
        if (time == null) {
            time = optionalTime(info, "modified_time", path + ".finding_info.modified_time");
        }
        if (time == null) {
            time = optionalTime(finding, "time_dt", path + ".time_dt");
        }
        if (time == null) {
            time = optionalTime(finding, "time", path + ".time");
        }
        if (time == null) {
            throw new InvalidShapeException("required field '" + path + ".time' is missing");
        }
        return time;
    }

    private static EventClass eventClass(int classUid) {
        return switch (classUid) {
            case 2002 -> EventClass.VULNERABILITY_FINDING;
            case 2003 -> EventClass.COMPLIANCE_FINDING;
            default -> EventClass.DETECTION_FINDING;
        };
    }

    private static Severity severity(JsonNode finding) {
        Severity byLabel = FindingSeverities.label(text(finding, "severity"));
        if (byLabel != null) {
            return byLabel;
        }
        return FindingSeverities.ocsfId(finding.path("severity_id").asInt());
    }

    private static List<ResourceRef> resources(JsonNode finding) {
        List<ResourceRef> resources = new ArrayList<>();
        for (JsonNode resource : finding.path("resources")) {
            String uid = text(resource, "uid");
            if (uid != null) {
                boolean isArn = uid.startsWith("arn:");
                resources.add(new ResourceRef(isArn ? uid : null, text(resource, "type"),
                        firstNonBlank(text(resource, "name"), isArn ? Resources.nameOf(uid) : uid)));
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
