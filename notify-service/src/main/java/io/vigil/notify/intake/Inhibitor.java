package io.vigil.notify.intake;

import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.routing.InhibitRule;
import io.vigil.notify.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies the routing file's inhibition rules against the alerts received within each rule's duration. */
@ApplicationScoped
public class Inhibitor {

    private static final int MAX_SOURCES = 200;

    private final Router router;
    private final AlertRepository alerts;

    public Inhibitor(Router router, AlertRepository alerts) {
        this.router = router;
        this.alerts = alerts;
    }

    /** @return why the alert is inhibited, naming the inhibiting alert and the rule's line; empty when it is not */
    public Optional<String> inhibition(Connection connection, String alertId, AlertLabels labels, Instant now)
            throws SQLException {
        for (InhibitRule rule : router.inhibitRules()) {
            if (!rule.targets(labels)) {
                continue;
            }
            Map<String, List<String>> equal = new LinkedHashMap<>();
            rule.equal().forEach(label -> equal.put(label, labels.get(label)));
            Map<String, AlertLabels> sources = alerts.receivedSince(connection, now.minus(rule.duration()), equal,
                    MAX_SOURCES);
            for (Map.Entry<String, AlertLabels> source : sources.entrySet()) {
                if (!source.getKey().equals(alertId) && rule.inhibits(source.getValue(), labels)) {
                    return Optional.of("inhibited by alert " + source.getKey() + " (" + rule.describe() + ")");
                }
            }
        }
        return Optional.empty();
    }
}
