package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's compilation to aws event-ruler patterns, so that an engine can find the candidate rules for an event with
 * one event-ruler {@code Machine} and evaluate {@link SigmaRule#matches} only on those.
 * <ol>
 * <li><b>Necessary</b>: if {@link #available()}, every record the rule matches matches at least one of
 * {@link #patterns()}, under either {@code Machine.rulesForJSONEvent} (array-consistent) or {@code rulesForEvent}. A
 * record matching no pattern can be skipped.</li>
 * <li><b>Sufficient</b>: if {@link #sufficient()}, a record matching some pattern is also matched by the rule, so
 * {@link SigmaRule#matches} need not run; provided the machine holds no {@code wildcard} starting with {@code *}:
 * event-ruler 2.1.0 skips the first character of an {@code equals-ignore-case} value added after such a wildcard on
 * the same field ({@code EventRulerIgnoreCaseTest}), and case-insensitive values are sufficient here.</li>
 * <li>If not {@link #available()} (the rule has no selective part event-ruler can express, e.g. only a regex), the rule
 * must be evaluated on every record.</li>
 * </ol>
 * Patterns address the CloudTrail record itself; {@link #patternsUnder(String)} nests them under a field (e.g.
 * {@code detail} of an EventBridge event). Immutable and thread-safe.
 */
public final class EventRulerPrefilter {

    private static final EventRulerPrefilter NONE = new EventRulerPrefilter(List.of(), false);

    private final List<ObjectNode> patterns;
    private final boolean sufficient;

    private EventRulerPrefilter(List<ObjectNode> patterns, boolean sufficient) {
        this.patterns = patterns;
        this.sufficient = sufficient;
    }

    static EventRulerPrefilter none() {
        return NONE;
    }

    static EventRulerPrefilter of(List<ObjectNode> patterns, boolean sufficient) {
        if (patterns.isEmpty()) {
            return NONE;
        }
        List<ObjectNode> copies = new ArrayList<>();
        patterns.forEach(pattern -> copies.add(pattern.deepCopy()));
        return new EventRulerPrefilter(List.copyOf(copies), sufficient);
    }

    /** True if there are patterns; false means the rule must be evaluated on every record. */
    public boolean available() {
        return !patterns.isEmpty();
    }

    /** True if matching a pattern implies the rule matches (never true when not {@link #available()}). */
    public boolean sufficient() {
        return sufficient;
    }

    /** The patterns as event-ruler JSON, over the CloudTrail record's fields; empty if not {@link #available()}. */
    public List<String> patterns() {
        return patterns.stream().map(JsonNode::toString).toList();
    }

    /**
     * The patterns nested under a dotted object path, e.g. {@code detail} for the CloudTrail record inside an
     * EventBridge event. The path must name objects (not arrays) for the guarantees above to hold.
     */
    public List<String> patternsUnder(String objectPath) {
        if (objectPath == null || objectPath.isEmpty()) {
            return patterns();
        }
        String[] segments = objectPath.split("\\.");
        List<String> nested = new ArrayList<>();
        for (ObjectNode pattern : patterns) {
            JsonNode inner = pattern;
            for (int i = segments.length - 1; i >= 0; i--) {
                ObjectNode outer = JsonNodeFactory.instance.objectNode();
                outer.set(segments[i], inner);
                inner = outer;
            }
            nested.add(inner.toString());
        }
        return nested;
    }

    @Override
    public String toString() {
        return "EventRulerPrefilter" + patterns() + (sufficient ? " sufficient" : available() ? " necessary" : "");
    }
}
