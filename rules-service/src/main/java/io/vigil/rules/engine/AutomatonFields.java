package io.vigil.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.rules.dialect.EventDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared automaton's patterns in a flat form, and the event's name/value pairs on exactly the paths they name, in
 * the form event-ruler's {@code rulesForEvent(String[])} takes: sorted by name, strings in double quotes, numbers,
 * booleans and {@code null} as their JSON text.
 *
 * <p>Why: {@code rulesForJSONEvent} flattens and indexes the whole envelope for array-consistent matching, which
 * costs more than the matching itself. The engine knows which paths its automaton uses, so it reads only those.
 * Names join path steps with {@value #SEPARATOR_NAME} instead of a dot: for a dotted name event-ruler's pairs form
 * splits the name and looks up every step, for every pair, at every step of the match, which measured a third of the
 * whole pass; a name without dots is one lookup. So the patterns are rewritten to that form ({@link #flatten}: the
 * same fields joined with the separator, {@code $or} expanded into alternative patterns).
 *
 * <p>The pairs form does not track array elements, so it can over-match (two values from different elements) and,
 * with {@code exists: false}, miss; {@link #nameValues} therefore gives up (returns null) as soon as a named path
 * goes through an array, and the engine then matches the envelope exactly with the original patterns. On every other
 * event both forms see the same fields with the same values, so they select the same rules.
 *
 * <p>Immutable and thread-safe.
 */
final class AutomatonFields {

    /** Joins path steps in flat names: a control character, which no pattern key of a real rule contains. */
    static final char SEPARATOR = '\u001f';
    private static final String SEPARATOR_NAME = "U+001F";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OR = "$or";

    private final PathNode root;

    private AutomatonFields(PathNode root) {
        this.root = root;
    }

    /**
     * @param pattern an event-ruler pattern that compiles
     * @return equivalent flat patterns (alternatives): one level of fields named by their path joined with
     *         {@link #SEPARATOR}, the {@code $or} alternatives multiplied out
     * @throws IllegalArgumentException when the pattern cannot be flattened faithfully: a key contains the
     *         separator, or two alternatives name the same path twice
     */
    static List<String> flatten(String pattern) {
        JsonNode tree;
        try {
            tree = JSON.readTree(pattern);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON pattern: " + pattern, e);
        }
        return expand(tree, "").stream().map(ObjectNode::toString).toList();
    }

    private static List<ObjectNode> expand(JsonNode object, String prefix) {
        List<ObjectNode> alternatives = List.of(JSON.createObjectNode());
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            List<ObjectNode> part;
            if (key.equals(OR)) {
                // event-ruler accepts $or only as an array of at least two objects
                part = new ArrayList<>();
                for (JsonNode alternative : value) {
                    part.addAll(expand(alternative, prefix));
                }
            } else {
                if (key.indexOf(SEPARATOR) >= 0) {
                    throw new IllegalArgumentException("a pattern key contains " + SEPARATOR_NAME + ": " + key);
                }
                String name = (prefix.isEmpty() ? "" : prefix + SEPARATOR) + key.replace('.', SEPARATOR);
                part = value.isObject() ? expand(value, name) : List.of(JSON.createObjectNode().set(name, value));
            }
            alternatives = product(alternatives, part);
        }
        return alternatives;
    }

    private static List<ObjectNode> product(List<ObjectNode> left, List<ObjectNode> right) {
        List<ObjectNode> product = new ArrayList<>();
        for (ObjectNode a : left) {
            for (ObjectNode b : right) {
                ObjectNode both = a.deepCopy();
                b.properties().forEach(field -> {
                    if (both.has(field.getKey())) {
                        throw new IllegalArgumentException("the path " + field.getKey().replace(SEPARATOR, '.')
                                + " is named twice in one alternative");
                    }
                    both.set(field.getKey(), field.getValue());
                });
                product.add(both);
            }
        }
        return product;
    }

    /**
     * @param flatPatterns every pattern of the automaton, as {@link #flatten} gives them
     * @return the paths they name
     */
    static AutomatonFields of(Collection<String> flatPatterns) {
        PathNode root = new PathNode("");
        for (String pattern : flatPatterns) {
            try {
                JSON.readTree(pattern).properties().forEach(field -> {
                    PathNode node = root;
                    for (String step : field.getKey().split(String.valueOf(SEPARATOR), -1)) {
                        node = node.child(step);
                    }
                    node.leaf = true;
                });
            } catch (Exception e) {
                throw new IllegalArgumentException("not a flat JSON pattern: " + pattern, e);
            }
        }
        return new AutomatonFields(root);
    }

    /**
     * @return the sorted name/value pairs of the event's envelope on the automaton's paths, or null when a named path
     *         goes through an array (or holds a value event-ruler cannot read) and the envelope must be matched
     *         exactly
     */
    String[] nameValues(EventDocument document) {
        JsonNode raw = document.rawObject();
        Pairs pairs = new Pairs();
        if (raw == null) {
            return pairs.sorted();
        }
        if (document.hasOwnEnvelope()) {
            return walk(raw, root, pairs) ? pairs.sorted() : null;
        }
        for (String field : EventDocument.SYNTHETIC_ENVELOPE_FIELDS) {
            PathNode node = root.children.get(field);
            if (node != null && node.leaf) {
                JsonNode value = document.syntheticEnvelopeField(field);
                if (value != null && !pairs.addScalar(node, value)) {
                    return null;
                }
            }
        }
        PathNode detail = root.children.get(EventDocument.DETAIL);
        if (detail != null && !walk(raw, detail, pairs)) {
            return null;
        }
        return pairs.sorted();
    }

    /** @return false when a named path goes through an array */
    private static boolean walk(JsonNode object, PathNode at, Pairs pairs) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            PathNode node = at.descend(entry.getKey());
            if (node == null) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                if (!walk(value, node, pairs)) {
                    return false;
                }
            } else if (value.isArray()) {
                return false;
            } else if (node.leaf && !pairs.addScalar(node, value)) {
                return false;
            }
        }
        return true;
    }

    /** One step of a path the patterns name; {@code name} is the dotted path from the envelope's root. */
    private static final class PathNode {
        private final String name;
        private final Map<String, PathNode> children = new HashMap<>();
        private boolean leaf;

        private PathNode(String name) {
            this.name = name;
        }

        private PathNode child(String step) {
            return children.computeIfAbsent(step, s -> new PathNode(name.isEmpty() ? s : name + SEPARATOR + s));
        }

        /**
         * @return the node an event key leads to; a key containing dots counts as that many steps, as event-ruler's
         *         flattening joins keys with dots
         */
        private PathNode descend(String key) {
            PathNode direct = children.get(key);
            if (direct != null || key.indexOf('.') < 0) {
                return direct;
            }
            PathNode node = this;
            for (String step : key.split("\\.", -1)) {
                node = node.children.get(step);
                if (node == null) {
                    return null;
                }
            }
            return node;
        }
    }

    /** Name/value pairs in the order found; sorted by name at the end. */
    private static final class Pairs {
        private String[] tokens = new String[16];
        private int size;

        /** @return false for a value event-ruler cannot read (binary, POJO), which the exact path reports */
        private boolean addScalar(PathNode node, JsonNode value) {
            String text;
            if (value.isTextual()) {
                text = '"' + value.textValue() + '"';
            } else if (value.isNumber() || value.isBoolean() || value.isNull()) {
                text = value.asText();
            } else {
                return false;
            }
            if (size + 2 > tokens.length) {
                tokens = Arrays.copyOf(tokens, tokens.length * 2);
            }
            tokens[size++] = node.name;
            tokens[size++] = text;
            return true;
        }

        /** @return the pairs sorted by name (insertion sort: a handful of pairs) */
        private String[] sorted() {
            String[] result = Arrays.copyOf(tokens, size);
            for (int i = 2; i < size; i += 2) {
                String name = result[i];
                String value = result[i + 1];
                int j = i - 2;
                while (j >= 0 && result[j].compareTo(name) > 0) {
                    result[j + 2] = result[j];
                    result[j + 3] = result[j + 1];
                    j -= 2;
                }
                result[j + 2] = name;
                result[j + 3] = value;
            }
            return result;
        }
    }
}
