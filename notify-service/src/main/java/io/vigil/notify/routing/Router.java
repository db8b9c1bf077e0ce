package io.vigil.notify.routing;

import io.quarkus.runtime.StartupEvent;
import io.vigil.contract.Alert;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.receiver.BoundReceiver;
import io.vigil.notify.receiver.Receivers;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/** Routes alerts to receivers; the route is validated against the configured receivers at start-up. */
@ApplicationScoped
public class Router {

    private static final Logger LOGGER = Logger.getLogger(Router.class);

    private final Route route;
    private final Receivers receivers;

    public Router(RouteConfig config, Receivers receivers) {
        this.route = Route.validated(config.receivers(), config.minSeverity(), receivers.names());
        this.receivers = receivers;
    }

    void validateAtStartup(@Observes @Priority(StartupOrder.VALIDATE + 1) StartupEvent startup) {
        LOGGER.infof("Alerts of severity %s and above go to %s", route.minSeverity(), route.receivers());
    }

    /** @return the receivers an alert reaches, in route order; empty when it is below the route's severity */
    public List<BoundReceiver> route(Alert alert) {
        return route.receiversFor(alert).stream().map(receivers::get).toList();
    }
}
