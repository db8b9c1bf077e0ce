package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Sigma field name as a dotted path into a CloudTrail record, e.g.
 * {@code userIdentity.sessionContext.sessionIssuer.type}. Arrays met on the way (and at the end) are looked through:
 * every element continues the path, so a test on the path holds if it holds for any value reached. A key that itself
 * contains dots ({@code "a.b": 1}) is reached by the path {@code a.b} as well. Both are how event-ruler flattens a JSON
 * event into field paths.
 */
final class FieldPath {

    /** Called for each value the path reaches; returning true stops the walk. */
    interface ValueVisitor {
        boolean visit(JsonNode value);
    }

    private final String name;
    private final String[] segments;
    /** keys[i][j]: segments i..j joined with dots, for records whose keys themselves contain dots. */
    private final String[][] keys;

    FieldPath(String name) {
        this.name = name;
        this.segments = name.split("\\.", -1);
        this.keys = new String[segments.length][];
        for (int i = 0; i < segments.length; i++) {
            keys[i] = new String[segments.length];
            StringBuilder joined = new StringBuilder();
            for (int j = i; j < segments.length; j++) {
                if (j > i) {
                    joined.append('.');
                }
                joined.append(segments[j]);
                keys[i][j] = joined.toString();
            }
        }
    }

    static boolean isValidName(String name) {
        return !name.isEmpty() && !name.startsWith(".") && !name.endsWith(".") && !name.contains("..");
    }

    String name() {
        return name;
    }

    /** True if the visitor returns true for some value reached by this path in the record. */
    boolean anyValue(JsonNode record, ValueVisitor visitor) {
        return walk(record, 0, visitor);
    }

    private boolean walk(JsonNode node, int index, ValueVisitor visitor) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (walk(node.get(i), index, visitor)) {
                    return true;
                }
            }
            return false;
        }
        if (index == segments.length) {
            return visitor.visit(node);
        }
        if (!node.isObject()) {
            return false;
        }
        for (int last = index; last < segments.length; last++) {
            JsonNode child = node.get(keys[index][last]);
            if (child != null && walk(child, last + 1, visitor)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
