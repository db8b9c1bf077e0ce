package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.firstNonBlank;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.requiredTime;
import static io.vigil.ingest.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Actor;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes a GuardDuty finding ({@code detail} of a {@code GuardDuty Finding} event). A finding is re-sent each
 * time GuardDuty updates it; each update is its own event (id of finding id and {@code updatedAt}). Stateless and
 * thread-safe.
 */
@ApplicationScoped
public class GuardDutyNormalizer {

    /** The {@code sourceKind} of GuardDuty findings. */
    public static final String SOURCE_KIND = "aws.guardduty";

    public NormalizedEvent normalize(JsonNode envelope, Origin origin, Instant producedAt) {
        JsonNode finding = envelope.path("detail");
        String findingId = requiredText(finding, "id", "detail.id");
        Instant updatedAt = requiredTime(finding, "updatedAt", "detail.updatedAt");
        String accountId = firstNonBlank(text(finding, "accountId"), text(envelope, "account"));
        if (accountId == null) {
            throw new InvalidShapeException("required field 'detail.accountId' is missing");
        }
        String region = firstNonBlank(text(finding, "region"), text(envelope, "region"));
        JsonNode resource = finding.path("resource");
        JsonNode action = finding.path("service").path("action");
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION,
                StableIds.of(SOURCE_KIND, findingId, updatedAt.toString()), producedAt, SOURCE_KIND, findingId,
                EventClass.DETECTION_FINDING, updatedAt, accountId, region, actor(resource), null,
                remoteIp(action), userAgent(action), resources(finding, resource, accountId, region),
                FindingSeverities.guardDuty(finding.path("severity"), "detail.severity"), origin, envelope);
    }

    /** Findings about an access key name the principal that used it. */
    private static Actor actor(JsonNode resource) {
        JsonNode key = resource.path("accessKeyDetails");
        if (!key.isObject()) {
            return null;
        }
        return new Actor(firstNonBlank(text(key, "userType"), "Unknown"), null, text(key, "userName"), null, null,
                null, null);
    }

    private static String remoteIp(JsonNode action) {
        for (String kind : List.of("awsApiCallAction", "networkConnectionAction", "portProbeAction",
                "kubernetesApiCallAction", "rdsLoginAttemptAction")) {
            JsonNode details = action.path(kind).path("remoteIpDetails");
            String ip = firstNonBlank(text(details, "ipAddressV4"), text(details, "ipAddressV6"));
            if (ip != null) {
                return ip;
            }
        }
        return null;
    }

    private static String userAgent(JsonNode action) {
        return text(action.path("awsApiCallAction"), "userAgent");
    }

    private static List<ResourceRef> resources(JsonNode finding, JsonNode resource, String accountId,
            String region) {
        List<ResourceRef> resources = new ArrayList<>();
        String instanceId = text(resource.path("instanceDetails"), "instanceId");
        if (instanceId != null) {
            resources.add(new ResourceRef("arn:aws:ec2:" + region + ":" + accountId + ":instance/" + instanceId,
                    "AWS::EC2::Instance", instanceId));
        }
        JsonNode key = resource.path("accessKeyDetails");
        if ("IAMUser".equals(text(key, "userType")) && text(key, "userName") != null) {
            resources.add(new ResourceRef("arn:aws:iam::" + accountId + ":user/" + text(key, "userName"),
                    "AWS::IAM::User", text(key, "userName")));
        }
        for (JsonNode bucket : resource.path("s3BucketDetails")) {
            String arn = text(bucket, "arn");
            if (arn != null) {
                resources.add(new ResourceRef(arn, "AWS::S3::Bucket", text(bucket, "name")));
            }
        }
        String clusterArn = text(resource.path("eksClusterDetails"), "arn");
        if (clusterArn != null) {
            resources.add(new ResourceRef(clusterArn, "AWS::EKS::Cluster", text(resource.path("eksClusterDetails"),
                    "name")));
        }
        String findingArn = text(finding, "arn");
        if (findingArn != null) {
            resources.add(new ResourceRef(findingArn, "AWS::GuardDuty::Finding", text(finding, "id")));
        }
        return resources;
    }
}
