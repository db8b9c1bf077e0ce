package io.vigil.notify.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated routing file: the route tree, named time intervals and inhibition rules. Immutable and
 * thread-safe.
 *
 * @param source where it was read from, for messages
 * @param root the root route; it matches every alert
 * @param timeIntervals named time intervals
 * @param inhibitRules inhibition rules, in file order
 */
public record RoutingFile(String source, RouteNode root, Map<String, TimeInterval> timeIntervals,
        List<InhibitRule> inhibitRules) {

    public RoutingFile {
        timeIntervals = Map.copyOf(timeIntervals);
        inhibitRules = List.copyOf(inhibitRules);
    }

    /**
     * Walks the tree as Alertmanager does: from the root, the first matching child is followed (and later siblings
     * too while the matched child has {@code continue: true}); a route none of whose children match is where the
     * alert ends.
     *
     * @return the routes the alert ends on, in tree order; never empty (at least the root)
     */
    public List<RouteMatch> match(AlertLabels labels, Instant now) {
        List<RouteMatch> result = new ArrayList<>();
        walk(root, labels, now, new ArrayList<>(List.of("root route (line " + root.line() + ") matches every alert")),
                result);
        return result;
    }

    private boolean walk(RouteNode node, AlertLabels labels, Instant now, List<String> trail,
            List<RouteMatch> result) {
        boolean childMatched = false;
        for (RouteNode child : node.routes()) {
            if (!child.matches(labels)) {
                continue;
            }
            List<String> childTrail = new ArrayList<>(trail);
            childTrail.add("route " + child.path() + " (line " + child.line() + ") matched " + explain(child, labels)
                    + (child.continueMatching() ? "; continue: true" : ""));
            childMatched |= walk(child, labels, now, childTrail, result);
            if (!child.continueMatching()) {
                break;
            }
        }
        if (!childMatched) {
            result.add(new RouteMatch(node, trail, groupLabels(node, labels),
                    RouteMatch.muting(node, timeIntervals, now)));
        }
        return true;
    }

    private static String explain(RouteNode route, AlertLabels labels) {
        if (route.matchers().isEmpty()) {
            return "(no matchers)";
        }
        List<String> parts = new ArrayList<>();
        for (Matcher matcher : route.matchers()) {
            parts.add(matcher + " (" + matcher.label() + "=\"" + labels.joined(matcher.label()) + "\")");
        }
        return String.join(", ", parts);
    }

    private static Map<String, String> groupLabels(RouteNode route, AlertLabels labels) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String label : route.groupLabels()) {
            values.put(label, labels.joined(label));
        }
        return values;
    }

    /**
     * @return the time interval muting the route with this path at {@code now} (as {@link RouteMatch#mutedBy()}
     *         says on arrival); empty when it is not muted or no route has this path (any more)
     */
    public Optional<String> mutedBy(String routePath, Instant now) {
        return routes().stream().filter(route -> route.path().equals(routePath)).findFirst()
                .flatMap(route -> RouteMatch.muting(route, timeIntervals, now));
    }

    /** @return every route of the tree, root first, depth first */
    public List<RouteNode> routes() {
        List<RouteNode> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(RouteNode node, List<RouteNode> all) {
        all.add(node);
        node.routes().forEach(child -> collect(child, all));
    }
}
