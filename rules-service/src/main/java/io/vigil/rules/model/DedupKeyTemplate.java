package io.vigil.rules.model;

import io.vigil.contract.NormalizedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How alerts of a rule are grouped: a template such as {@code {accountId}:{actor.arn}} whose placeholders name fields
 * of the normalized event. A field the event lacks renders as {@code -}. Immutable and thread-safe.
 */
public final class DedupKeyTemplate {

    /** Placeholders a template may use, and how each reads the event. */
    static final Map<String, Function<NormalizedEvent, String>> FIELDS = Map.ofEntries(
            Map.entry("accountId", NormalizedEvent::accountId),
            Map.entry("region", NormalizedEvent::region),
            Map.entry("sourceKind", NormalizedEvent::sourceKind),
            Map.entry("sourceIp", NormalizedEvent::sourceIp),
            Map.entry("operation", NormalizedEvent::operation),
            Map.entry("service", e -> e.action() == null ? null : e.action().service()),
            Map.entry("actor.arn", e -> e.actor() == null ? null : e.actor().arn()),
            Map.entry("actor.userName", e -> e.actor() == null ? null : e.actor().userName()),
            Map.entry("actor.type", e -> e.actor() == null ? null : e.actor().type()),
            Map.entry("resource.arn", e -> e.resources().isEmpty() ? null : e.resources().getFirst().arn()),
            Map.entry("resource.name", e -> e.resources().isEmpty() ? null : e.resources().getFirst().name()),
            Map.entry("sourceEventId", NormalizedEvent::sourceEventId));

    /** Groups by account. */
    public static final DedupKeyTemplate DEFAULT = parse("{accountId}");

    private final String text;
    private final List<Object> parts;

    private DedupKeyTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * @throws IllegalArgumentException naming the position and the known placeholders when the template is invalid
     */
    public static DedupKeyTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Object> parts = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int open = text.indexOf('{', pos);
            if (open < 0) {
                parts.add(text.substring(pos));
                break;
            }
            if (open > pos) {
                parts.add(text.substring(pos, open));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' at position " + open);
            }
            String name = text.substring(open + 1, close).trim();
            Function<NormalizedEvent, String> field = FIELDS.get(name);
            if (field == null) {
                throw new IllegalArgumentException("unknown placeholder '{" + name + "}' at position " + open
                        + "; known: " + String.join(", ", FIELDS.keySet().stream().sorted().toList()));
            }
            parts.add(field);
            pos = close + 1;
        }
        return new DedupKeyTemplate(text, parts);
    }

    /** @return the key of {@code event} */
    @SuppressWarnings("unchecked")
    public String render(NormalizedEvent event) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                key.append(literal);
            } else {
                String value = ((Function<NormalizedEvent, String>) part).apply(event);
                key.append(value == null || value.isBlank() ? "-" : value);
            }
        }
        return key.toString();
    }

    /** @return the template as written */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DedupKeyTemplate that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
