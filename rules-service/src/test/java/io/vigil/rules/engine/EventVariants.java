package io.vigil.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vigil.contract.NormalizedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Variants of an event's raw document that probe how field values reach event-ruler: each leaf removed, null, a
 * number, a boolean, in upper case, wrapped in an object or in an array, or written as a dotted key one level up.
 */
final class EventVariants {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventVariants() {
    }

    /** @return the event itself and its variants */
    static List<NormalizedEvent> of(NormalizedEvent event) {
        List<NormalizedEvent> variants = new ArrayList<>();
        variants.add(event);
        if (event.raw() == null || !event.raw().isObject()) {
            return variants;
        }
        List<List<String>> paths = new ArrayList<>();
        leafPaths(event.raw(), new ArrayList<>(), paths);
        for (List<String> path : paths) {
            variants.add(withRaw(event, replaced(event.raw(), path, null)));
            variants.add(withRaw(event, replaced(event.raw(), path, value -> NODES.nullNode())));
            variants.add(withRaw(event, replaced(event.raw(), path, value -> NODES.numberNode(22))));
            variants.add(withRaw(event, replaced(event.raw(), path, value -> NODES.booleanNode(true))));
            variants.add(withRaw(event, replaced(event.raw(), path,
                    value -> value.isTextual()
                            ? TextNode.valueOf(value.textValue().toUpperCase(Locale.ROOT))
                            : value)));
            variants.add(withRaw(event, replaced(event.raw(), path,
                    value -> NODES.objectNode().set("inner", value.deepCopy()))));
            variants.add(withRaw(event, replaced(event.raw(), path,
                    value -> NODES.arrayNode().add("unrelated").add(value.deepCopy()))));
            if (path.size() >= 2) {
                variants.add(withRaw(event, dotted(event.raw(), path)));
            }
        }
        return variants;
    }

    private static void leafPaths(JsonNode node, List<String> prefix, List<List<String>> paths) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                List<String> path = new ArrayList<>(prefix);
                path.add(entry.getKey());
                leafPaths(entry.getValue(), path, paths);
            });
        } else if (!prefix.isEmpty()) {
            paths.add(prefix);
        }
    }

    /** @return a copy with the leaf changed, or removed when {@code change} is null */
    private static JsonNode replaced(JsonNode raw, List<String> path, UnaryOperator<JsonNode> change) {
        ObjectNode copy = raw.deepCopy();
        ObjectNode parent = parent(copy, path, 1);
        String last = path.getLast();
        if (change == null) {
            parent.remove(last);
        } else {
            parent.set(last, change.apply(parent.get(last)));
        }
        return copy;
    }

    /** @return a copy with {@code a.b.c} written as the key {@code "b.c"} inside {@code a} */
    private static JsonNode dotted(JsonNode raw, List<String> path) {
        ObjectNode copy = raw.deepCopy();
        ObjectNode grandparent = parent(copy, path, 2);
        ObjectNode parent = (ObjectNode) grandparent.get(path.get(path.size() - 2));
        JsonNode value = parent.remove(path.getLast());
        grandparent.set(path.get(path.size() - 2) + "." + path.getLast(), value);
        return copy;
    }

    private static ObjectNode parent(ObjectNode root, List<String> path, int up) {
        ObjectNode node = root;
        for (int i = 0; i < path.size() - up; i++) {
            node = (ObjectNode) node.get(path.get(i));
        }
        return node;
    }

    private static NormalizedEvent withRaw(NormalizedEvent e, JsonNode raw) {
        return new NormalizedEvent(e.schemaVersion(), e.id(), e.producedAt(), e.sourceKind(), e.sourceEventId(),
                e.eventClass(), e.time(), e.accountId(), e.region(), e.actor(), e.action(), e.sourceIp(),
                e.userAgent(), e.resources(), e.severity(), e.origin(), raw);
    }
}
