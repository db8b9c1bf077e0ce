package io.vigil.rules.cwlogs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A property selector such as {@code $.userIdentity.type} or {@code $.users[0].id}.
 *
 * @param text the selector as written in the pattern
 * @param segments the steps from the root: {@link String} property names and {@link Integer} array indexes
 */
record JsonSelector(String text, List<Object> segments) {

    JsonSelector {
        segments = List.copyOf(segments);
    }

    /**
     * @return the selected node (a {@code NullNode} when the property is set to null), or null when the path does not
     *         exist: a property is absent, an index is out of range, or a step meets the wrong kind of node
     */
    JsonNode select(JsonNode root) {
        JsonNode node = root;
        for (Object segment : segments) {
            if (node == null) {
                return null;
            }
            if (segment instanceof String name) {
                node = node.isObject() ? node.get(name) : null;
            } else {
                int index = (Integer) segment;
                node = node.isArray() ? node.get(index) : null;
            }
        }
        return node;
    }
}
