package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import java.time.Instant;

/**
 * Normalizes one element of a message's {@code detail.findings[]}, so that a malformed finding can be set aside while
 * the other findings of the same message still become events.
 */
public interface FindingNormalizer {

    /**
     * @param envelope the EventBridge envelope holding the findings
     * @param index the position of the finding in {@code detail.findings[]}
     * @param origin where the message came from
     * @param producedAt the production time to stamp
     * @return the finding's event
     * @throws InvalidShapeException when a required field of the finding is missing or malformed
     */
    NormalizedEvent normalizeFinding(JsonNode envelope, int index, Origin origin, Instant producedAt);
}
