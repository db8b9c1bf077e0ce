package io.vigil.notify.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.notify.grouping.GroupFlusher;
import io.vigil.notify.grouping.GroupRepository;
import io.vigil.notify.ledger.LedgerPublisher;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.ledger.SuppressedDelivery;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.routing.RouteMatch;
import io.vigil.notify.routing.Router;
import io.vigil.notify.silence.Silence;
import io.vigil.notify.silence.SilenceRepository;
import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Takes alerts in, in one transaction per batch: stores each alert (an alert id seen before is a redelivered record
 * and is skipped, so a restart never notifies twice), routes it, and for each route it ends on either records one
 * {@code SUPPRESSED} ledger row per receiver (silenced, inhibited, or muted by a time interval, with the reason) or
 * adds it to the route's group. When this returns, the alerts are durable and their offsets may be committed.
 */
@ApplicationScoped
public class AlertIntake {

    private static final Logger LOGGER = Logger.getLogger(AlertIntake.class);

    private final Database database;
    private final AlertRepository alerts;
    private final Router router;
    private final Receivers receivers;
    private final SilenceRepository silences;
    private final Inhibitor inhibitor;
    private final GroupRepository groups;
    private final LedgerRepository ledger;
    private final GroupFlusher flusher;
    private final LedgerPublisher publisher;
    private final MeterRegistry registry;
    private final Clock clock;

    public AlertIntake(Database database, AlertRepository alerts, Router router, Receivers receivers,
            SilenceRepository silences, Inhibitor inhibitor, GroupRepository groups, LedgerRepository ledger,
            GroupFlusher flusher, LedgerPublisher publisher, MeterRegistry registry, Clock clock) {
        this.database = database;
        this.alerts = alerts;
        this.router = router;
        this.receivers = receivers;
        this.silences = silences;
        this.inhibitor = inhibitor;
        this.groups = groups;
        this.ledger = ledger;
        this.flusher = flusher;
        this.publisher = publisher;
        this.registry = registry;
        this.clock = clock;
    }

    /** Takes a batch of alerts in; throws (nothing committed) when PostgreSQL fails. */
    public void accept(List<Alert> batch) {
        Instant now = clock.instant();
        Outcome outcome = database.inTransaction(connection -> accept(connection, batch, now));
        registry.counter("vigil.notify.alerts", "outcome", "accepted").increment(outcome.accepted);
        registry.counter("vigil.notify.alerts", "outcome", "duplicate").increment(outcome.duplicates);
        if (outcome.grouped > 0) {
            flusher.wake();
        }
        if (outcome.suppressed > 0) {
            publisher.wake();
        }
    }

    /** One alert's routing decision before it is stored. */
    private record Decision(Alert alert, AlertLabels labels, List<RouteMatch> matches, Optional<String> silenced) {

        boolean reachesAReceiver() {
            return silenced.isEmpty() && matches.stream().anyMatch(m -> m.mutedBy().isEmpty()
                    && !m.receivers().isEmpty());
        }
    }

    private Outcome accept(Connection connection, List<Alert> batch, Instant now) throws SQLException {
        Outcome result = new Outcome();
        List<Silence> active = silences.active(connection, now);
        List<Decision> decisions = new ArrayList<>();
        for (Alert alert : batch) {
            AlertLabels labels = AlertLabels.of(alert);
            Optional<String> silenced = active.stream().filter(s -> s.matches(labels)).findFirst()
                    .map(Silence::describe);
            decisions.add(new Decision(alert, labels, router.route(labels, now), silenced));
        }
        boolean[] inserted = alerts.insertAll(connection, decisions.stream()
                .map(d -> new AlertRepository.NewAlert(d.alert(), d.labels(), d.reachesAReceiver())).toList(), now);
        List<Delivery> suppressed = new ArrayList<>();
        List<GroupRepository.Membership> memberships = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i);
            Alert alert = decision.alert();
            if (!inserted[i]) {
                LOGGER.infof("Alert received before, skipped: alertId=%s", alert.id());
                result.duplicates++;
                continue;
            }
            result.accepted++;
            // inhibition sees every alert stored before, including earlier ones of this batch
            Optional<String> suppression = decision.silenced();
            if (suppression.isEmpty() && decision.reachesAReceiver()) {
                suppression = inhibitor.inhibition(connection, alert.id(), decision.labels(), now);
                if (suppression.isPresent()) {
                    alerts.markUnrouted(connection, alert.id());
                }
            }
            for (RouteMatch match : decision.matches()) {
                Optional<String> reason = suppression.or(() -> match.mutedBy().map(m -> "route "
                        + match.route().path() + " muted by " + m));
                if (reason.isPresent()) {
                    for (String receiver : match.receivers()) {
                        suppressed.add(SuppressedDelivery.of(alert, receiver, receivers.get(receiver).kind(),
                                reason.get(), now));
                    }
                    LOGGER.infof("Alert suppressed: alertId=%s route=%s reason=%s", alert.id(),
                            match.route().path(), reason.get());
                } else if (!match.receivers().isEmpty()) {
                    memberships.add(new GroupRepository.Membership(match, alert));
                }
            }
        }
        groups.addAll(connection, memberships, now);
        ledger.record(connection, suppressed);
        result.grouped = memberships.size();
        result.suppressed = suppressed.size();
        return result;
    }

    /** Counts of one batch. */
    private static final class Outcome {
        int accepted;
        int duplicates;
        int grouped;
        int suppressed;
    }
}
