package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.requiredInstant;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.StableIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Passes a well-formed EventBridge event that Vigil does not normalize further through as {@link EventClass#OTHER},
 * with the envelope's id, time, account, region and resources. Stateless and thread-safe.
 */
@ApplicationScoped
public class GenericEventNormalizer {

    /**
     * @throws InvalidShapeException when the envelope lacks id, time or account
     */
    public NormalizedEvent normalize(JsonNode envelope, Origin origin, Instant producedAt) {
        String source = requiredText(envelope, "source", "source");
        String id = requiredText(envelope, "id", "id");
        Instant time = requiredInstant(envelope, "time", "time");
        String account = requiredText(envelope, "account", "account");
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of(source, id), producedAt, source, id,
                EventClass.OTHER, time, account, text(envelope, "region"), null, null, null, null,
                Resources.fromEnvelope(envelope), null, origin, envelope);
    }
}
