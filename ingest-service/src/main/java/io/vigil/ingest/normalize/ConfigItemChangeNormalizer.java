package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.firstNonBlank;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.requiredTime;
import static io.vigil.ingest.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Action;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Normalizes an AWS Config {@code Configuration Item Change} event: the full notification
 * ({@code detail.configurationItem}) and the oversized one ({@code detail.configurationItemSummary}, whose full item
 * Config wrote to S3 at {@code detail.s3DeliverySummary.s3BucketLocation}; the raw document keeps that pointer).
 * Identified by resource and {@code configurationStateId}. Stateless and thread-safe.
 */
@ApplicationScoped
public class ConfigItemChangeNormalizer {

    /** The {@code sourceKind} of configuration item changes. */
    public static final String SOURCE_KIND = "aws.config";

    static final String FULL = "ConfigurationItemChangeNotification";
    static final String OVERSIZED = "OversizedConfigurationItemChangeNotification";

    public NormalizedEvent normalize(JsonNode envelope, Origin origin, Instant producedAt) {
        JsonNode detail = envelope.path("detail");
        boolean oversized = OVERSIZED.equals(text(detail, "messageType"));
        String itemField = oversized ? "configurationItemSummary" : "configurationItem";
        String path = "detail." + itemField;
        JsonNode item = JsonFields.requiredObject(detail, itemField, path);
        String resourceType = requiredText(item, "resourceType", path + ".resourceType");
        String resourceId = requiredText(item, "resourceId", path + ".resourceId");
        String stateId = requiredText(item, "configurationStateId", path + ".configurationStateId");
        Instant time = requiredTime(item, "configurationItemCaptureTime", path + ".configurationItemCaptureTime");
        String accountId = firstNonBlank(text(item, "awsAccountId"), text(envelope, "account"));
        if (accountId == null) {
            throw new InvalidShapeException("required field '" + path + ".awsAccountId' is missing");
        }
        String changeType = oversized
                ? text(item, "changeType")
                : text(detail.path("configurationItemDiff"), "changeType");
        String sourceEventId = resourceType + "/" + resourceId + "/" + stateId;
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of(SOURCE_KIND, sourceEventId),
                producedAt, SOURCE_KIND, sourceEventId, EventClass.CONFIG_STATE_CHANGE, time, accountId,
                firstNonBlank(text(item, "awsRegion"), text(envelope, "region")), null,
                new Action("config.amazonaws.com", firstNonBlank(changeType, text(item, "configurationItemStatus"),
                        "UNKNOWN"), Outcome.SUCCESS, null, null, null),
                null, null, List.of(new ResourceRef(text(item, "ARN"), resourceType,
                        firstNonBlank(text(item, "resourceName"), resourceId))),
                null, origin, envelope);
    }
}
