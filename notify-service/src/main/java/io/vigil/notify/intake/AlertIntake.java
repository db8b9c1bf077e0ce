package io.vigil.notify.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.grouping.GroupFlusher;
import io.vigil.notify.grouping.GroupRepository;
import io.vigil.notify.ledger.IntakeRecord;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Takes alerts in, in one transaction per batch, whose commit is what lets the batch's Kafka offsets be committed:
 * stores each alert (an alert id seen before is a redelivered record and is skipped, so a restart never notifies or
 * records twice), routes it, and for each route it ends on either records one {@code SUPPRESSED} ledger row per
 * receiver (silenced, inhibited, or muted by a time interval, with the reason) or adds it to the route's group and
 * records one {@code QUEUED} row per receiver; an alert no route sends anywhere gets an {@code UNROUTED} row. Groups
 * due at once ({@code group_wait} 0) are flushed in the same transaction: their notifications go into the outbox
 * already claimed for this instance (up to the worker's free capacity) and are handed to the worker after the
 * commit, without another round trip. So when this returns, the ledger shows the outcome of consuming every alert.
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
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final LedgerPublisher publisher;
    private final MeterRegistry registry;
    private final Clock clock;

    public AlertIntake(Database database, AlertRepository alerts, Router router, Receivers receivers,
            SilenceRepository silences, Inhibitor inhibitor, GroupRepository groups, LedgerRepository ledger,
            GroupFlusher flusher, NotificationRepository notifications, DeliveryWorker worker,
            LedgerPublisher publisher, MeterRegistry registry, Clock clock) {
        this.database = database;
        this.alerts = alerts;
        this.router = router;
        this.receivers = receivers;
        this.silences = silences;
        this.inhibitor = inhibitor;
        this.groups = groups;
        this.ledger = ledger;
        this.flusher = flusher;
        this.notifications = notifications;
        this.worker = worker;
        this.publisher = publisher;
        this.registry = registry;
        this.clock = clock;
    }

    /** Takes a batch of alerts in; throws (nothing committed) when PostgreSQL fails. */
    public void accept(List<Alert> batch) {
        Instant now = clock.instant();
        Outcome outcome = new Outcome();
        try {
            database.inTransaction(connection -> {
                accept(connection, batch, now, outcome);
                return null;
            });
        } catch (RuntimeException e) {
            worker.unreserve(outcome.reserved);
            throw e;
        }
        worker.unreserve(outcome.reserved - outcome.claimed.size());
        registry.counter("vigil.notify.alerts", "outcome", "accepted").increment(outcome.accepted);
        registry.counter("vigil.notify.alerts", "outcome", "duplicate").increment(outcome.duplicates);
        if (!outcome.claimed.isEmpty()) {
            Map<String, Alert> byId = new HashMap<>();
            batch.forEach(alert -> byId.put(alert.id(), alert));
            worker.sendClaimed(outcome.claimed, byId);
        }
        if (outcome.pending > 0) {
            worker.remember(outcome.stored);
            worker.wake();
        }
        if (outcome.waiting > 0) {
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

    private void accept(Connection connection, List<Alert> batch, Instant now, Outcome result) throws SQLException {
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
        List<Delivery> unrouted = new ArrayList<>();
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
            result.stored.add(alert);
            // inhibition sees every alert stored before, including earlier ones of this batch
            Optional<String> suppression = decision.silenced();
            if (suppression.isEmpty() && decision.reachesAReceiver()) {
                suppression = inhibitor.inhibition(connection, alert.id(), decision.labels(), now);
                if (suppression.isPresent()) {
                    alerts.markUnrouted(connection, alert.id());
                }
            }
            boolean reached = false;
            for (RouteMatch match : decision.matches()) {
                Optional<String> reason = suppression.or(() -> match.mutedBy().map(m -> "route "
                        + match.route().path() + " muted by " + m));
                if (match.receivers().isEmpty()) {
                    continue;
                }
                reached = true;
                if (reason.isPresent()) {
                    for (String receiver : match.receivers()) {
                        suppressed.add(SuppressedDelivery.of(alert, receiver, receivers.get(receiver).kind(),
                                reason.get(), now));
                    }
                    LOGGER.infof("Alert suppressed: alertId=%s route=%s reason=%s", alert.id(),
                            match.route().path(), reason.get());
                } else {
                    memberships.add(new GroupRepository.Membership(match, alert));
                }
            }
            if (!reached) {
                unrouted.add(IntakeRecord.unrouted(alert, decision.matches().isEmpty()
                        ? "no route matches it"
                        : "it ends on route(s) " + decision.matches().stream().map(m -> m.route().path()).toList()
                                + ", which have no receivers",
                        now));
            }
        }
        List<GroupRepository.CreatedDue> created = groups.addAll(connection, memberships, now);
        Set<String> touched = new LinkedHashSet<>();
        memberships.forEach(m -> touched.add(m.groupId()));
        created.forEach(group -> touched.remove(group.group().groupId()));
        GroupFlusher.FlushResult dueAmongTouched = touched.isEmpty()
                ? GroupFlusher.FlushResult.NONE
                : flusher.flushDueAmong(connection, touched, now);
        GroupFlusher.FlushResult flushed = created.isEmpty()
                ? dueAmongTouched
                : flusher.flushCreated(connection, created, inHand(decisions, now), now).plus(dueAmongTouched);
        queue(connection, flushed.queued(), batch, now, result);
        ledger.record(connection, suppressed);
        ledger.record(connection, unrouted);
        ledger.record(connection, queuedRecords(memberships, flushed.queued(), now));
        result.waiting = touched.size() - dueAmongTouched.groups();
        result.suppressed = suppressed.size() + flushed.suppressed();
    }

    /** @return the batch's alerts as a flush of the groups they just created reads them, by id */
    private static Map<String, AlertRepository.StoredAlert> inHand(List<Decision> decisions, Instant now) {
        Map<String, AlertRepository.StoredAlert> byId = new HashMap<>();
        for (Decision decision : decisions) {
            byId.put(decision.alert().id(), new AlertRepository.StoredAlert(decision.alert(), decision.labels(), now,
                    decision.reachesAReceiver()));
        }
        return byId;
    }

    /**
     * Inserts the notifications the flush queued: those whose alerts are all in this batch, for receivers whose
     * circuit is closed, are inserted already claimed (as many as the worker has capacity for) and handed to it
     * after the commit; the others are inserted pending for the worker to claim.
     */
    private void queue(Connection connection, List<NotificationRepository.NewNotification> queued, List<Alert> batch,
            Instant now, Outcome result) throws SQLException {
        Set<String> inBatch = new HashSet<>();
        batch.forEach(alert -> inBatch.add(alert.id()));
        Set<String> blocked = worker.blockedReceivers(now);
        List<NotificationRepository.NewNotification> claimable = new ArrayList<>();
        List<NotificationRepository.NewNotification> pending = new ArrayList<>();
        for (NotificationRepository.NewNotification notification : queued) {
            boolean sendable = !blocked.contains(notification.receiver())
                    && inBatch.containsAll(notification.alertIds());
            (sendable ? claimable : pending).add(notification);
        }
        result.reserved = worker.reserve(claimable.size());
        pending.addAll(claimable.subList(result.reserved, claimable.size()));
        result.claimed = notifications.insertClaimed(connection, claimable.subList(0, result.reserved), now,
                worker.leaseUntil(now));
        notifications.insertAll(connection, pending, now);
        result.pending = pending.size();
    }

    /** @return one {@code QUEUED} row per alert, route and receiver it was queued for */
    private List<Delivery> queuedRecords(List<GroupRepository.Membership> memberships,
            List<NotificationRepository.NewNotification> queued, Instant now) {
        Map<String, String> notificationOf = new HashMap<>();
        for (NotificationRepository.NewNotification notification : queued) {
            for (String alertId : notification.alertIds()) {
                notificationOf.put(key(notification.groupId(), notification.receiver(), alertId), notification.id());
            }
        }
        List<Delivery> records = new ArrayList<>();
        for (GroupRepository.Membership membership : memberships) {
            String groupId = membership.groupId();
            String routePath = membership.match().route().path();
            Alert alert = membership.alert();
            for (String receiver : membership.match().receivers()) {
                String notificationId = notificationOf.get(key(groupId, receiver, alert.id()));
                records.add(IntakeRecord.queued(alert, routePath, receiver, receivers.get(receiver).kind(),
                        notificationId, notificationId != null
                                ? null
                                : "waiting in group " + groupId + " of route " + routePath + " until it is due"
                                        + " (group_wait or group_interval; a fingerprint notified before waits for"
                                        + " repeat_interval)",
                        now));
            }
        }
        return records;
    }

    private static String key(String groupId, String receiver, String alertId) {
        return groupId + '\n' + receiver + '\n' + alertId;
    }

    /** What one batch did. */
    private static final class Outcome {
        int accepted;
        int duplicates;
        /** the alerts stored now (not those received before: the stored copy is the first one) */
        List<Alert> stored = new ArrayList<>();
        int suppressed;
        /** groups touched that were not due at once */
        int waiting;
        /** notifications inserted pending, for the worker's claim */
        int pending;
        /** worker capacity reserved for the claimed notifications */
        int reserved;
        /** notifications inserted claimed, to hand to the worker after the commit */
        List<NotificationRepository.Row> claimed = List.of();
    }
}
