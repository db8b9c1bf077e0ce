package io.vigil.rules.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.NormalizedEvent;

/** Finds the CloudTrail record inside an event's source document, for dialects that match on CloudTrail fields. */
public final class CloudTrailRecords {

    private CloudTrailRecords() {
    }

    /**
     * @return {@code raw.detail} when {@code raw} is an EventBridge envelope (it has {@code detail-type} and an object
     *         {@code detail}), otherwise {@code raw} itself (a record from a CloudTrail log file); null when the event
     *         has no source document
     */
    public static JsonNode of(NormalizedEvent event) {
        JsonNode raw = event.raw();
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return null;
        }
        JsonNode detail = raw.get("detail");
        if (raw.has("detail-type") && detail != null && detail.isObject()) {
            return detail;
        }
        return raw;
    }
}
