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
 * Config wrote to S3 at {@code detail.s3DeliverySummary.s3BucketLocation}). An oversized item's event is made from
 * the full item once it was read from S3, else from the summary with a caveat. Identified by resource and
 * {@code configurationStateId}, the same either way. Stateless and thread-safe.
 */
@ApplicationScoped
public class ConfigItemChangeNormalizer {

    /** The {@code sourceKind} of configuration item changes. */
    public static final String SOURCE_KIND = "aws.config";

    static final String FULL = "ConfigurationItemChangeNotification";
    static final String OVERSIZED = "OversizedConfigurationItemChangeNotification";

    /**
     * @return the event of a notification as it came: from the full item, or from the summary of an oversized one
     *         (use {@link #normalizeFullItem} once the full item was read from S3)
     */
    public NormalizedEvent normalize(JsonNode envelope, Origin origin, Instant producedAt) {
        return event(envelope.path("detail"), "detail.", envelope, origin, producedAt, envelope, List.of());
    }

    /**
     * @param caveat why the full item is not used ({@code config-item-summary-only: ...})
     * @return the event of an oversized notification made from its summary, carrying the caveat
     */
    public NormalizedEvent normalizeSummary(JsonNode envelope, Origin origin, Instant producedAt, String caveat) {
        return event(envelope.path("detail"), "detail.", envelope, origin, producedAt, envelope, List.of(caveat));
    }

    /**
     * @param envelope the oversized notification's envelope (fallback account and region)
     * @param notification the full {@code ConfigurationItemChangeNotification} Config wrote to S3; it becomes
     *        {@code raw}, verbatim, as a CloudTrail log record does
     * @param origin the S3 object it was read from
     */
    public NormalizedEvent normalizeFullItem(JsonNode envelope, JsonNode notification, Origin origin,
            Instant producedAt) {
        if (!FULL.equals(text(notification, "messageType"))) {
            throw new InvalidShapeException("field 'messageType' of the item read from S3 must be '" + FULL
                    + "', was '" + text(notification, "messageType") + "'");
        }
        return event(notification, "", envelope, origin, producedAt, notification, List.of());
    }

    /** @return whether the notification is the oversized kind, whose full item is in S3 */
    public static boolean isOversized(JsonNode envelope) {
        return OVERSIZED.equals(text(envelope.path("detail"), "messageType"));
    }

    /** @return {@code bucket/key} of an oversized notification's full item, or null when it names none */
    public static String fullItemLocation(JsonNode envelope) {
        return text(envelope.path("detail").path("s3DeliverySummary"), "s3BucketLocation");
    }

    private static NormalizedEvent event(JsonNode detail, String detailPath, JsonNode envelope, Origin origin,
            Instant producedAt, JsonNode raw, List<String> caveats) {
        boolean oversized = OVERSIZED.equals(text(detail, "messageType"));
        String itemField = oversized ? "configurationItemSummary" : "configurationItem";
        String path = detailPath + itemField;
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
                null, origin, raw, caveats);
    }
}
