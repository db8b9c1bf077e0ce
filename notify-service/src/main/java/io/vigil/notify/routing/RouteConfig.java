package io.vigil.notify.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.contract.Severity;
import java.util.List;
import java.util.Optional;

/**
 * Where routes come from: {@code vigil.notify.route.file}, a routing file; without one, a single route built from
 * {@code vigil.notify.route.receivers} and {@code vigil.notify.route.min-severity}, notified without grouping delay.
 */
@ConfigMapping(prefix = "vigil.notify.route")
public interface RouteConfig {

    /** Path of the routing file (YAML); see docs/notifications.md. */
    Optional<String> file();

    /** Without a routing file: names of configured receivers that get every alert at or above min-severity. */
    Optional<List<String>> receivers();

    /** Without a routing file: alerts below this severity reach no receiver. */
    @WithDefault("low")
    Severity minSeverity();
}
