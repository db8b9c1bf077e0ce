package io.vigil.notify.intake;

import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.routing.InhibitRule;
import io.vigil.notify.routing.Matcher;
import io.vigil.notify.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the routing file's inhibition rules against the alerts received within each rule's duration. PostgreSQL
 * selects the candidates by the {@code equal} labels and the source's {@code =} matchers (jsonb containment); the
 * other source matchers (regular expressions, negations) are applied here, page by page, over every candidate in the
 * rule's duration: however many alerts arrived since, an inhibiting one is found.
 */
@ApplicationScoped
public class Inhibitor {

    private static final int PAGE = 200;

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
            Map<String, List<String>> required = new LinkedHashMap<>();
            for (Matcher matcher : rule.sourceMatchers()) {
                // "label = value" holds exactly when the value is among the label's values (a missing label
                // matches only the empty string, which is not pushed down)
                if (matcher.operator() == Matcher.Operator.EQUAL && !matcher.value().isEmpty()) {
                    required.computeIfAbsent(matcher.label(), l -> new ArrayList<>()).add(matcher.value());
                }
            }
            for (String label : rule.equal()) {
                // a label the target lacks is left out: the candidates are compared exactly below
                if (!labels.get(label).isEmpty()) {
                    required.computeIfAbsent(label, l -> new ArrayList<>()).addAll(labels.get(label));
                }
            }
            AlertRepository.ReceivedAlert after = null;
            while (true) {
                List<AlertRepository.ReceivedAlert> page = alerts.receivedSince(connection,
                        now.minus(rule.duration()), required, after, PAGE);
                for (AlertRepository.ReceivedAlert source : page) {
                    if (!source.alertId().equals(alertId) && rule.inhibits(source.labels(), labels)) {
                        return Optional.of("inhibited by alert " + source.alertId() + " (" + rule.describe() + ")");
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
        }
        return Optional.empty();
    }
}
