package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.firstNonBlank;
import static io.vigil.ingest.normalize.JsonFields.optionalTime;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Normalizes an Amazon Inspector (v2) finding ({@code detail} of an {@code Inspector2 Finding} event). Its times are
 * not ISO-8601 ({@code Mar 22, 2023, 1:56:44 PM}); {@link AwsTimestamps} reads every format AWS emits. Each update
 * of a finding is its own event (id of finding ARN and {@code updatedAt}). Stateless and thread-safe.
 */
@ApplicationScoped
public class InspectorNormalizer {

    /** The {@code sourceKind} of Inspector findings. */
    public static final String SOURCE_KIND = "aws.inspector2";

    public NormalizedEvent normalize(JsonNode envelope, Origin origin, Instant producedAt) {
        JsonNode finding = envelope.path("detail");
        String findingArn = requiredText(finding, "findingArn", "detail.findingArn");
        Instant time = optionalTime(finding, "updatedAt", "detail.updatedAt");
        if (time == null) {
            time = optionalTime(finding, "lastObservedAt", "detail.lastObservedAt");
        }
        if (time == null) {
            throw new InvalidShapeException("required field 'detail.updatedAt' is missing");
        }
        String accountId = firstNonBlank(text(finding, "awsAccountId"), text(envelope, "account"));
        if (accountId == null) {
            throw new InvalidShapeException("required field 'detail.awsAccountId' is missing");
        }
        Severity severity = FindingSeverities.label(text(finding, "severity"));
        if (severity == null) {
            throw new InvalidShapeException("field 'detail.severity' must be one of INFORMATIONAL, LOW, MEDIUM,"
                    + " HIGH, CRITICAL, UNTRIAGED, was '" + text(finding, "severity") + "'");
        }
        String type = text(finding, "type");
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION,
                StableIds.of(SOURCE_KIND, findingArn, time.toString()), producedAt, SOURCE_KIND, findingArn,
                "PACKAGE_VULNERABILITY".equals(type) || "CODE_VULNERABILITY".equals(type)
                        ? EventClass.VULNERABILITY_FINDING
                        : EventClass.DETECTION_FINDING,
                time, accountId, firstNonBlank(text(envelope, "region"), firstResourceRegion(finding)), null, null,
                null, null, resources(finding, accountId), severity, origin, envelope);
    }

    private static String firstResourceRegion(JsonNode finding) {
        return text(finding.path("resources").path(0), "region");
    }

    /** Inspector resource types ({@code AWS_EC2_INSTANCE}, {@code AWS_ECR_CONTAINER_IMAGE}, ...) and ids. */
    private static List<ResourceRef> resources(JsonNode finding, String accountId) {
        List<ResourceRef> resources = new ArrayList<>();
        for (JsonNode resource : finding.path("resources")) {
            String id = text(resource, "id");
            if (id == null) {
                continue;
            }
            String type = text(resource, "type");
            String arn = id.startsWith("arn:")
                    ? id
                    : "AWS_EC2_INSTANCE".equals(type) && text(resource, "region") != null
                            ? "arn:" + firstNonBlank(text(resource, "partition"), "aws") + ":ec2:"
                                    + text(resource, "region") + ":" + accountId + ":instance/" + id
                            : null;
            resources.add(new ResourceRef(arn, type, arn == null ? id : Resources.nameOf(arn)));
        }
        return resources;
    }
}
