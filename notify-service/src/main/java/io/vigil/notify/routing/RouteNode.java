package io.vigil.notify.routing;

import java.time.Duration;
import java.util.List;

/**
 * One route of the tree, with its settings already inherited from its parent.
 *
 * @param path position in the tree: {@code root}, {@code root.0}, {@code root.0.2}, ...
 * @param line where the route starts in the routing file
 * @param matchers what an alert must match to take this route (all of them)
 * @param receivers the receivers of alerts that end on this route; may be empty (alerts are then not sent)
 * @param continueMatching whether sibling routes after this one are still tried when this one matched
 * @param groupBy labels whose values form the group key; {@code ...} means every label
 * @param groupWait how long a new group waits for more alerts before its first notification
 * @param groupInterval how long a group waits before notifying about alerts added after its first notification
 * @param repeatInterval how long the same alert (fingerprint) is held before it is notified again
 * @param muteTimeIntervals names of intervals during which the route sends nothing (inherited unless set)
 * @param activeTimeIntervals names of intervals outside which the route sends nothing; empty means always
 *        (inherited unless set)
 * @param routes child routes, tried in order
 */
public record RouteNode(String path, int line, List<Matcher> matchers, List<String> receivers,
        boolean continueMatching, List<String> groupBy, Duration groupWait, Duration groupInterval,
        Duration repeatInterval, List<String> muteTimeIntervals, List<String> activeTimeIntervals,
        List<RouteNode> routes) {

    /** The {@code group_by} value that groups by every label. */
    public static final String ALL_LABELS = "...";

    public RouteNode {
        matchers = List.copyOf(matchers);
        receivers = List.copyOf(receivers);
        groupBy = List.copyOf(groupBy);
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
        activeTimeIntervals = List.copyOf(activeTimeIntervals);
        routes = List.copyOf(routes);
    }

    /** @return whether the alert satisfies every matcher of this route */
    public boolean matches(AlertLabels labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    /** @return the label names of the group key, in order */
    public List<String> groupLabels() {
        return groupBy.contains(ALL_LABELS) ? AlertLabels.NAMES.stream().sorted().toList() : groupBy;
    }
}
