package io.vigil.rules.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.NormalizedEvent;
import java.util.Objects;

/**
 * One normalized event as the dialects see it, with its derived documents computed once per evaluation:
 * <ul>
 * <li>{@link #envelope()}: the EventBridge envelope, what {@code eventbridge} patterns and the shared automaton see. A
 * CloudTrail record from a log file (no envelope) is presented inside a synthetic one: {@code source}
 * {@code aws.<service>}, {@code detail-type} {@code AWS API Call via CloudTrail}, {@code account}, {@code region},
 * {@code time} and the record as {@code detail}.</li>
 * <li>{@link #cloudTrailRecord()}: the CloudTrail record, what {@code cloudwatch-filter} and {@code sigma} see.</li>
 * </ul>
 * Not thread-safe: one instance per evaluation.
 */
public final class EventDocument {

    /** The {@code sourceKind} of CloudTrail events. */
    public static final String CLOUDTRAIL = "aws.cloudtrail";

    private final NormalizedEvent event;
    private JsonNode envelope;
    private boolean recordResolved;
    private JsonNode record;

    private EventDocument(NormalizedEvent event) {
        this.event = Objects.requireNonNull(event, "event");
    }

    /** @return the document view of {@code event} */
    public static EventDocument of(NormalizedEvent event) {
        return new EventDocument(event);
    }

    /** @return the normalized event */
    public NormalizedEvent event() {
        return event;
    }

    /** @return whether the event is a CloudTrail record */
    public boolean isCloudTrail() {
        return CLOUDTRAIL.equals(event.sourceKind());
    }

    /** @return the EventBridge envelope (synthetic for log-file records); an empty object when there is no raw */
    public JsonNode envelope() {
        if (envelope == null) {
            envelope = buildEnvelope();
        }
        return envelope;
    }

    /**
     * @return the CloudTrail record ({@code detail} of an EventBridge envelope, or the log-file record itself); null
     *         when the event is not from CloudTrail
     */
    public JsonNode cloudTrailRecord() {
        if (!recordResolved) {
            record = isCloudTrail() ? CloudTrailRecords.of(event) : null;
            recordResolved = true;
        }
        return record;
    }

    private JsonNode buildEnvelope() {
        JsonNode raw = event.raw();
        if (raw == null || !raw.isObject()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (raw.has("detail-type")) {
            return raw;
        }
        ObjectNode synthetic = JsonNodeFactory.instance.objectNode();
        if (isCloudTrail()) {
            String eventSource = raw.path("eventSource").asText("");
            int dot = eventSource.indexOf('.');
            synthetic.put("source", "aws." + (dot > 0 ? eventSource.substring(0, dot) : eventSource));
            synthetic.put("detail-type", "AWS API Call via CloudTrail");
        } else {
            synthetic.put("source", event.sourceKind());
        }
        synthetic.put("account", event.accountId());
        if (event.region() != null) {
            synthetic.put("region", event.region());
        }
        if (event.time() != null) {
            synthetic.put("time", event.time().toString());
        }
        synthetic.set("detail", raw);
        return synthetic;
    }
}
