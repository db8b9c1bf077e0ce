package io.vigil.notify.routing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route an alert ends on, with the reasons it got there.
 *
 * @param route the route
 * @param reasons one line per route on the way from the root, saying what matched
 * @param groupLabels the alert's values of the route's {@code group_by} labels
 * @param mutedBy the time interval muting the route at the time of evaluation, if any
 */
public record RouteMatch(RouteNode route, List<String> reasons, Map<String, String> groupLabels,
        Optional<String> mutedBy) {

    public RouteMatch {
        reasons = List.copyOf(reasons);
        groupLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groupLabels));
    }

    /** @return the receivers of the route */
    public List<String> receivers() {
        return route.receivers();
    }

    /** @return the time the explanation holds for is irrelevant except for muting; see {@link #mutedBy()} */
    static Optional<String> muting(RouteNode route, Map<String, TimeInterval> intervals, Instant now) {
        for (String name : route.muteTimeIntervals()) {
            if (intervals.get(name).contains(now)) {
                return Optional.of("mute_time_intervals '" + name + "'");
            }
        }
        if (!route.activeTimeIntervals().isEmpty()
                && route.activeTimeIntervals().stream().noneMatch(name -> intervals.get(name).contains(now))) {
            return Optional.of("outside active_time_intervals " + route.activeTimeIntervals());
        }
        return Optional.empty();
    }
}
