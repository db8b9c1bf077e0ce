package io.vigil.notify.ack;

import io.vigil.contract.StableIds;
import io.vigil.notify.api.ApiProblem;
import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Acknowledges and resolves alerts. Acknowledging stops repeats and escalation of the alert's fingerprint and sends
 * {@code ACKNOWLEDGE} to every PagerDuty receiver that was sent a trigger for the alert; resolving sends
 * {@code RESOLVE} to them.
 */
@ApplicationScoped
public class Acknowledgements {

    private static final Logger LOGGER = Logger.getLogger(Acknowledgements.class);
    private static final String PAGERDUTY = "pagerduty";

    private final Database database;
    private final AlertRepository alerts;
    private final AcknowledgementRepository acknowledgements;
    private final NotificationRepository notifications;
    private final Receivers receivers;
    private final DeliveryWorker worker;
    private final Clock clock;

    public Acknowledgements(Database database, AlertRepository alerts, AcknowledgementRepository acknowledgements,
            NotificationRepository notifications, Receivers receivers, DeliveryWorker worker, Clock clock) {
        this.database = database;
        this.alerts = alerts;
        this.acknowledgements = acknowledgements;
        this.notifications = notifications;
        this.receivers = receivers;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * @return the acknowledgement (the earlier one when the fingerprint was already acknowledged)
     * @throws ApiProblem 404 when the alert was never received
     */
    public AcknowledgementRepository.Acknowledgement acknowledge(String alertId, String by, String comment) {
        Instant now = clock.instant();
        AcknowledgementRepository.Acknowledgement result = database.inTransaction(connection -> {
            String fingerprint = fingerprint(connection, alertId);
            if (acknowledgements.acknowledge(connection, fingerprint, alertId, by, comment, now)) {
                queue(connection, alertId, NotificationAction.ACKNOWLEDGE,
                        "Acknowledged by " + by + (comment == null || comment.isBlank() ? "" : ": " + comment), now);
                LOGGER.infof("Alert acknowledged: alertId=%s fingerprint=%s by=%s", alertId, fingerprint, by);
            }
            return acknowledgements.find(connection, fingerprint).orElseThrow();
        });
        worker.wake();
        return result;
    }

    /**
     * Resolves an alert (acknowledging it first if needed).
     *
     * @throws ApiProblem 404 when the alert was never received
     */
    public AcknowledgementRepository.Acknowledgement resolve(String alertId, String by, String comment) {
        Instant now = clock.instant();
        AcknowledgementRepository.Acknowledgement result = database.inTransaction(connection -> {
            String fingerprint = fingerprint(connection, alertId);
            acknowledgements.acknowledge(connection, fingerprint, alertId, by, comment, now);
            if (acknowledgements.resolve(connection, fingerprint, now)) {
                queue(connection, alertId, NotificationAction.RESOLVE, "Resolved by " + by, now);
                LOGGER.infof("Alert resolved: alertId=%s fingerprint=%s by=%s", alertId, fingerprint, by);
            }
            return acknowledgements.find(connection, fingerprint).orElseThrow();
        });
        worker.wake();
        return result;
    }

    private String fingerprint(Connection connection, String alertId) throws SQLException {
        return alerts.find(connection, alertId)
                .orElseThrow(() -> new ApiProblem(404, "alert-not-found", "No alert with id '" + alertId
                        + "' was received"))
                .alert().fingerprint();
    }

    private void queue(Connection connection, String alertId, NotificationAction action, String note, Instant now)
            throws SQLException {
        Set<String> paged = new TreeSet<>();
        for (NotificationRepository.Row row : notifications.forAlert(connection, alertId)) {
            if (row.action().isTrigger() && receivers.names().contains(row.receiver())
                    && PAGERDUTY.equals(receivers.get(row.receiver()).kind())) {
                paged.add(row.receiver());
            }
        }
        for (String receiver : paged) {
            notifications.insert(connection, StableIds.of(alertId, receiver, action.name()), null, Map.of(),
                    receiver, action, List.of(alertId), note, worker.maxAttempts(), now);
        }
    }
}
