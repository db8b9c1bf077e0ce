package io.vigil.notify.routing;

import io.quarkus.runtime.StartupEvent;
import io.vigil.contract.Severity;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.receiver.Receivers;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The routing file in force: read and validated at start-up (a problem stops the service with the file and line),
 * including that every receiver a route names is configured.
 */
@ApplicationScoped
public class Router {

    private static final Logger LOGGER = Logger.getLogger(Router.class);

    private final RoutingFile routing;

    @Inject
    public Router(RouteConfig config, Receivers receivers) {
        this(load(config), receivers.names());
    }

    Router(RoutingFile routing, Set<String> configuredReceivers) {
        for (RouteNode route : routing.routes()) {
            for (String receiver : route.receivers()) {
                if (!configuredReceivers.contains(receiver)) {
                    throw new RoutingFileException(routing.source(), route.line(), "route " + route.path()
                            + " names receiver '" + receiver + "', which is not configured (vigil.notify.receivers."
                            + receiver + ".kind); configured: " + (configuredReceivers.isEmpty()
                                    ? "none"
                                    : String.join(", ", new java.util.TreeSet<>(configuredReceivers))));
                }
            }
        }
        this.routing = routing;
    }

    private static RoutingFile load(RouteConfig config) {
        if (config.file().isPresent()) {
            return RoutingFileParser.parse(Path.of(config.file().get()));
        }
        List<String> receivers = config.receivers().orElse(List.of());
        List<Matcher> severities = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            if (severity.isAtLeast(config.minSeverity())) {
                allowed.add(severity.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        severities.add(new Matcher("severity", Matcher.Operator.REGEX, String.join("|", allowed)));
        RouteNode route = new RouteNode("root.0", 0, severities, receivers, false, List.of(RouteNode.ALL_LABELS),
                Duration.ZERO, Duration.ZERO, Duration.ofHours(4), List.of(), List.of(), List.of());
        RouteNode root = new RouteNode("root", 0, List.of(), List.of(), false, List.of(RouteNode.ALL_LABELS),
                Duration.ZERO, Duration.ZERO, Duration.ofHours(4), List.of(), List.of(), List.of(route));
        return new RoutingFile("vigil.notify.route.receivers", root, Map.of(), List.of());
    }

    void logAtStartup(@Observes @Priority(StartupOrder.VALIDATE + 1) StartupEvent startup) {
        LOGGER.infof("Routing from %s: %d routes, %d time intervals, %d inhibit rules", routing.source(),
                routing.routes().size(), routing.timeIntervals().size(), routing.inhibitRules().size());
    }

    /** @return the routes an alert with these labels ends on */
    public List<RouteMatch> route(AlertLabels labels, Instant now) {
        return routing.match(labels, now);
    }

    /** @return the time interval muting the route with this path at {@code now}, if any */
    public Optional<String> mutedBy(String routePath, Instant now) {
        return routing.mutedBy(routePath, now);
    }

    /** @return the inhibition rules */
    public List<InhibitRule> inhibitRules() {
        return routing.inhibitRules();
    }

    /** @return the routing file in force */
    public RoutingFile routing() {
        return routing;
    }
}
