package io.vigil.notify.ack;

import io.vigil.contract.Delivery;
import io.vigil.contract.StableIds;
import io.vigil.notify.api.ApiProblem;
import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.grouping.GroupRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.ledger.LedgerPublisher;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.ledger.SuppressedDelivery;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Acknowledges and resolves alerts, by fingerprint (the alert's incident; PagerDuty's {@code dedup_key}).
 *
 * <ol>
 * <li>Acknowledging starts an acknowledgement of the fingerprint: while it is active, no alert of the fingerprint is
 * sent, whether a repeat or a new alert id (each is recorded {@code SUPPRESSED} naming who acknowledged, when it
 * would have been sent) and none escalates; every PagerDuty receiver that was sent a trigger for any alert of the
 * fingerprint gets {@code ACKNOWLEDGE}, after any trigger to it still being retried. Acknowledging an acknowledged
 * fingerprint changes nothing.</li>
 * <li>Resolving ends it (acknowledging first if needed) and sends {@code RESOLVE} to those receivers. Alerts of the
 * fingerprint received up to the resolve are closed by it: one still waiting in a group is not sent (recorded
 * {@code SUPPRESSED}, "resolved by ..."), and the group memberships of the fingerprint end, so an alert of it received
 * later is a new incident: notified as {@code FIRING} after {@code group_wait}/{@code group_interval}, escalated if
 * not acknowledged in time, and acknowledgeable again. Resolving an alert already resolved changes nothing.</li>
 * </ol>
 */
@ApplicationScoped
public class Acknowledgements {

    private static final Logger LOGGER = Logger.getLogger(Acknowledgements.class);
    private static final String PAGERDUTY = "pagerduty";

    private final Database database;
    private final AlertRepository alerts;
    private final AcknowledgementRepository acknowledgements;
    private final NotificationRepository notifications;
    private final GroupRepository groups;
    private final LedgerRepository ledger;
    private final LedgerPublisher publisher;
    private final Receivers receivers;
    private final DeliveryWorker worker;
    private final Clock clock;

    public Acknowledgements(Database database, AlertRepository alerts, AcknowledgementRepository acknowledgements,
            NotificationRepository notifications, GroupRepository groups, LedgerRepository ledger,
            LedgerPublisher publisher, Receivers receivers, DeliveryWorker worker, Clock clock) {
        this.database = database;
        this.alerts = alerts;
        this.acknowledgements = acknowledgements;
        this.notifications = notifications;
        this.groups = groups;
        this.ledger = ledger;
        this.publisher = publisher;
        this.receivers = receivers;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * @return the acknowledgement (the earlier one when the fingerprint was already acknowledged)
     * @throws ApiProblem 404 when the alert was never received; 409 {@code already-resolved} when the fingerprint was
     *         resolved at or after the alert was received (nothing is changed)
     */
    public AcknowledgementRepository.Acknowledgement acknowledge(String alertId, String by, String comment) {
        Instant now = clock.instant();
        AcknowledgementRepository.Acknowledgement result = database.inTransaction(connection -> {
            AlertRepository.StoredAlert alert = stored(connection, alertId);
            String fingerprint = alert.alert().fingerprint();
            if (acknowledgements.acknowledge(connection, fingerprint, alertId, alert.receivedAt(), by, comment,
                    now)) {
                queue(connection, alertId, fingerprint, NotificationAction.ACKNOWLEDGE,
                        "Acknowledged by " + by + (comment == null || comment.isBlank() ? "" : ": " + comment), now,
                        now);
                LOGGER.infof("Alert acknowledged: alertId=%s fingerprint=%s by=%s", alertId, fingerprint, by);
                return acknowledgements.find(connection, fingerprint).orElseThrow();
            }
            AcknowledgementRepository.Acknowledgement current = acknowledgements.find(connection, fingerprint)
                    .orElseThrow();
            if (current.resolvedSince(alert.receivedAt())) {
                throw new ApiProblem(409, "already-resolved", "Alert " + alertId + " was resolved by the resolve of"
                        + " fingerprint " + fingerprint + " at " + current.resolvedAt() + " (received "
                        + alert.receivedAt() + "); acknowledge an alert of it received later");
            }
            return current;
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
            AlertRepository.StoredAlert alert = stored(connection, alertId);
            String fingerprint = alert.alert().fingerprint();
            Optional<AcknowledgementRepository.Acknowledgement> current = acknowledgements.find(connection,
                    fingerprint);
            if (current.isPresent() && current.get().resolvedSince(alert.receivedAt())) {
                return current.get();
            }
            acknowledgements.acknowledge(connection, fingerprint, alertId, alert.receivedAt(), by, comment, now);
            if (acknowledgements.resolve(connection, fingerprint, now)) {
                AcknowledgementRepository.Acknowledgement resolved = acknowledgements.find(connection, fingerprint)
                        .orElseThrow();
                queue(connection, alertId, fingerprint, NotificationAction.RESOLVE, "Resolved by " + by,
                        resolved.acknowledgedAt(), now);
                endMemberships(connection, fingerprint, by, now);
                LOGGER.infof("Alert resolved: alertId=%s fingerprint=%s by=%s", alertId, fingerprint, by);
            }
            return acknowledgements.find(connection, fingerprint).orElseThrow();
        });
        worker.wake();
        publisher.wake();
        return result;
    }

    /** Ends the fingerprint's group memberships; an alert still waiting in one is recorded {@code SUPPRESSED}. */
    private void endMemberships(Connection connection, String fingerprint, String by, Instant now)
            throws SQLException {
        List<GroupRepository.EndedMember> ended = groups.endMemberships(connection, fingerprint, now);
        List<GroupRepository.EndedMember> pending = ended.stream().filter(GroupRepository.EndedMember::pending)
                .toList();
        if (pending.isEmpty()) {
            return;
        }
        Map<String, AlertRepository.StoredAlert> stored = alerts.load(connection,
                pending.stream().map(GroupRepository.EndedMember::alertId).distinct().toList());
        String reason = "resolved by " + by + " at " + now + " before it was sent";
        List<Delivery> suppressed = new ArrayList<>();
        for (GroupRepository.EndedMember member : pending) {
            AlertRepository.StoredAlert alert = stored.get(member.alertId());
            if (alert == null) {
                continue;
            }
            for (String receiver : member.receivers()) {
                suppressed.add(SuppressedDelivery.of(alert.alert(), receiver,
                        receivers.names().contains(receiver) ? receivers.get(receiver).kind() : "unknown", reason,
                        now));
            }
            LOGGER.infof("Alert suppressed, resolved while waiting in its group: alertId=%s route=%s",
                    member.alertId(), member.routePath());
        }
        ledger.record(connection, suppressed);
    }

    private AlertRepository.StoredAlert stored(Connection connection, String alertId) throws SQLException {
        return alerts.find(connection, alertId)
                .orElseThrow(() -> new ApiProblem(404, "alert-not-found", "No alert with id '" + alertId
                        + "' was received"));
    }

    /**
     * Queues {@code action} for every PagerDuty receiver that was sent (or is being sent) a trigger for an alert of
     * the fingerprint, whichever alert id the trigger carried: PagerDuty keys the incident by fingerprint. Each waits
     * for the notifications of its receiver and fingerprint still pending (a trigger being retried, an acknowledge
     * not yet sent), so it never overtakes them.
     *
     * @param acknowledgedAt when the acknowledgement began: part of the notification id, so that a fingerprint
     *        acknowledged again after a resolve is sent {@code ACKNOWLEDGE} (and {@code RESOLVE}) again
     */
    private void queue(Connection connection, String alertId, String fingerprint, NotificationAction action,
            String note, Instant acknowledgedAt, Instant now) throws SQLException {
        List<NotificationRepository.Row> earlier = notifications.forFingerprint(connection, fingerprint);
        Set<String> paged = new TreeSet<>();
        for (NotificationRepository.Row row : earlier) {
            if (row.action().isTrigger() && receivers.names().contains(row.receiver())
                    && PAGERDUTY.equals(receivers.get(row.receiver()).kind())) {
                paged.add(row.receiver());
            }
        }
        for (String receiver : paged) {
            List<String> waitsFor = earlier.stream().filter(row -> row.receiver().equals(receiver)
                    && NotificationRepository.PENDING.equals(row.status())).map(NotificationRepository.Row::id)
                    .toList();
            notifications.insert(connection, StableIds.of(alertId, receiver, action.name(),
                    acknowledgedAt.toString()), null, Map.of(), receiver, action, List.of(alertId), note,
                    worker.maxAttempts(), waitsFor, now);
        }
    }
}
