package io.vigil.notify.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.contract.Severity;
import java.util.List;

/** The route every alert takes: {@code vigil.notify.route.receivers} and {@code vigil.notify.route.min-severity}. */
@ConfigMapping(prefix = "vigil.notify.route")
public interface RouteConfig {

    /** Names of configured receivers ({@code vigil.notify.receivers.<name>}) that get every routed alert. */
    List<String> receivers();

    /** Alerts below this severity reach no receiver: info, low, medium, high or critical. */
    @WithDefault("low")
    Severity minSeverity();
}
