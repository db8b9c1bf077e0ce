package io.vigil.rules.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.NormalizedEvent;
import java.util.List;
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

    /** The envelope field holding the event's own document. */
    public static final String DETAIL = "detail";

    /** The top-level fields a synthetic envelope may have besides {@value #DETAIL}. */
    public static final List<String> SYNTHETIC_ENVELOPE_FIELDS = List.of("source", "detail-type", "account", "region",
            "time");

    private static final String DETAIL_TYPE = "detail-type";

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

    /** @return the raw source document when it is a JSON object, else null */
    public JsonNode rawObject() {
        JsonNode raw = event.raw();
        return raw != null && raw.isObject() ? raw : null;
    }

    /** @return whether the raw document is an EventBridge envelope itself, so {@link #envelope()} is not synthetic */
    public boolean hasOwnEnvelope() {
        JsonNode raw = rawObject();
        return raw != null && raw.has(DETAIL_TYPE);
    }

    /**
     * @param field one of {@link #SYNTHETIC_ENVELOPE_FIELDS}
     * @return that field of the synthetic envelope (a JSON null for an event without an account), or null when the
     *         synthetic envelope has no such field
     */
    public JsonNode syntheticEnvelopeField(String field) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (field) {
            case "source" -> {
                if (!isCloudTrail()) {
                    yield text(event.sourceKind());
                }
                String eventSource = event.raw().path("eventSource").asText("");
                int dot = eventSource.indexOf('.');
                yield nodes.textNode("aws." + (dot > 0 ? eventSource.substring(0, dot) : eventSource));
            }
            case DETAIL_TYPE -> isCloudTrail() ? nodes.textNode("AWS API Call via CloudTrail") : null;
            case "account" -> text(event.accountId());
            case "region" -> event.region() != null ? nodes.textNode(event.region()) : null;
            case "time" -> event.time() != null ? nodes.textNode(event.time().toString()) : null;
            default -> throw new IllegalArgumentException("not a synthetic envelope field: " + field);
        };
    }

    private static JsonNode text(String value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value);
    }

    private JsonNode buildEnvelope() {
        JsonNode raw = rawObject();
        if (raw == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (raw.has(DETAIL_TYPE)) {
            return raw;
        }
        ObjectNode synthetic = JsonNodeFactory.instance.objectNode();
        for (String field : SYNTHETIC_ENVELOPE_FIELDS) {
            JsonNode value = syntheticEnvelopeField(field);
            if (value != null) {
                synthetic.set(field, value);
            }
        }
        synthetic.set(DETAIL, raw);
        return synthetic;
    }
}
