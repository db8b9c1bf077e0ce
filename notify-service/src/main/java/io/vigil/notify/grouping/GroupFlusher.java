package io.vigil.notify.grouping;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.contract.Delivery;
import io.vigil.contract.StableIds;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.dispatch.DispatchConfig;
import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.intake.Inhibitor;
import io.vigil.notify.ledger.LedgerPublisher;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.ledger.SuppressedDelivery;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.routing.Router;
import io.vigil.notify.silence.Silence;
import io.vigil.notify.silence.SilenceRepository;
import io.vigil.notify.store.Database;
import io.vigil.notify.work.WorkLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns due groups into notifications, one per receiver of the group's route, in the same transaction that marks
 * the members notified, so a restart neither resends nor forgets. A due group notifies its members not yet notified
 * ({@code FIRING}) and, once {@code repeat_interval} has passed since their last notification, members seen again
 * ({@code REPEAT}). A member whose fingerprint is acknowledged (and not resolved) is not sent: it is recorded
 * {@code SUPPRESSED} naming who acknowledged it, when it would have been sent; a fingerprint notified, resolved and
 * seen again since fires anew ({@code FIRING}). Silences, mute/active time intervals and inhibition are
 * checked again here, not only when an alert arrives: a member that a silence created while it waited in its group
 * matches, whose route is muted now, or that an alert received since inhibits, is recorded {@code SUPPRESSED} for
 * each receiver with the reason and marked notified instead of being sent.
 */
@ApplicationScoped
public class GroupFlusher {

    private static final Logger LOGGER = Logger.getLogger(GroupFlusher.class);
    private static final int BATCH = 200;

    private final Database database;
    private final GroupRepository groups;
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final SilenceRepository silences;
    private final AlertRepository alerts;
    private final LedgerRepository ledger;
    private final LedgerPublisher publisher;
    private final Receivers receivers;
    private final Router router;
    private final Inhibitor inhibitor;
    private final Clock clock;
    private final Duration pollInterval;
    private WorkLoop loop;

    public GroupFlusher(Database database, GroupRepository groups, NotificationRepository notifications,
            DeliveryWorker worker, SilenceRepository silences, AlertRepository alerts, LedgerRepository ledger,
            LedgerPublisher publisher, Receivers receivers, Router router, Inhibitor inhibitor, Clock clock,
            DispatchConfig dispatch) {
        this.database = database;
        this.groups = groups;
        this.notifications = notifications;
        this.worker = worker;
        this.silences = silences;
        this.alerts = alerts;
        this.ledger = ledger;
        this.publisher = publisher;
        this.receivers = receivers;
        this.router = router;
        this.inhibitor = inhibitor;
        this.clock = clock;
        this.pollInterval = dispatch.pollInterval();
    }

    void start(@Observes @Priority(StartupOrder.WORKERS) StartupEvent startup) {
        loop = WorkLoop.start("grouping", pollInterval, this::flushDue);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Flushes soon: alerts were just added. */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    /**
     * What flushing some groups did in the caller's transaction.
     *
     * @param groups how many due groups were flushed
     * @param queued the notifications queued (inserted in the outbox as pending)
     * @param suppressed the members recorded {@code SUPPRESSED} instead of being sent
     */
    public record FlushResult(int groups, List<NotificationRepository.NewNotification> queued, int suppressed) {

        public static final FlushResult NONE = new FlushResult(0, List.of(), 0);

        /** @return what both flushes did */
        public FlushResult plus(FlushResult other) {
            List<NotificationRepository.NewNotification> both = new ArrayList<>(queued);
            both.addAll(other.queued);
            return new FlushResult(groups + other.groups, both, suppressed + other.suppressed);
        }
    }

    boolean flushDue() {
        Instant now = clock.instant();
        FlushResult result = database.inTransaction(connection -> flush(connection,
                groups.lockDue(connection, now, BATCH), now, true));
        if (!result.queued().isEmpty()) {
            worker.wake();
        }
        if (result.suppressed() > 0) {
            publisher.wake();
        }
        return result.groups() == BATCH;
    }

    /**
     * Flushes those of the given groups that are due now, in the caller's transaction (intake, which just added
     * alerts to them: with {@code group_wait} 0 the notification is queued in the same commit as the alert). The
     * queued notifications are not inserted: the caller inserts them, claimed or pending.
     */
    public FlushResult flushDueAmong(Connection connection, Collection<String> groupIds, Instant now)
            throws SQLException {
        return flush(connection, groups.lockDueAmong(connection, groupIds, now), now, false);
    }

    /**
     * Flushes groups intake just created due at once, in its transaction, as {@link #flushDueAmong} would, from the
     * members and alerts in hand: the groups were inserted in the state the flush leaves (notified now, their
     * members notified), so only the notifications and suppressions are produced here. The queued notifications
     * are not inserted: the caller inserts them, claimed or pending.
     *
     * @param arrived the alerts intake is taking in, by id, with their labels (members' alerts are among them)
     */
    public FlushResult flushCreated(Connection connection, List<GroupRepository.CreatedDue> created,
            Map<String, AlertRepository.StoredAlert> arrived, Instant now) throws SQLException {
        if (created.isEmpty()) {
            return FlushResult.NONE;
        }
        Map<String, List<GroupRepository.Member>> membersByGroup = new HashMap<>();
        created.forEach(group -> membersByGroup.put(group.group().groupId(), group.members()));
        return flush(connection, created.stream().map(GroupRepository.CreatedDue::group).toList(), membersByGroup,
                arrived, now, false, false);
    }

    private FlushResult flush(Connection connection, List<GroupRepository.DueGroup> due, Instant now,
            boolean insertNotifications) throws SQLException {
        if (due.isEmpty()) {
            return FlushResult.NONE;
        }
        Map<String, List<GroupRepository.Member>> membersByGroup = groups.members(connection,
                due.stream().map(GroupRepository.DueGroup::groupId).toList());
        return flush(connection, due, membersByGroup, Map.of(), now, insertNotifications, true);
    }

    /**
     * @param known alerts already in hand, by id; the others a suppression check needs are loaded
     * @param writeGroups whether to write the groups' and members' new state (false: it was written already)
     */
    private FlushResult flush(Connection connection, List<GroupRepository.DueGroup> due,
            Map<String, List<GroupRepository.Member>> membersByGroup, Map<String, AlertRepository.StoredAlert> known,
            Instant now, boolean insertNotifications, boolean writeGroups) throws SQLException {
        List<Silence> active = silences.active(connection, now);
        Map<String, Optional<String>> mutedRoutes = new HashMap<>();
        due.forEach(group -> mutedRoutes.computeIfAbsent(group.routePath(), path -> router.mutedBy(path, now)));
        // the stored alerts are only needed to suppress some; without a silence, an inhibit rule or a muted route,
        // nothing is loaded
        boolean mayBeSuppressed = !active.isEmpty() || !router.inhibitRules().isEmpty()
                || mutedRoutes.values().stream().anyMatch(Optional::isPresent)
                || membersByGroup.values().stream().flatMap(List::stream)
                        .anyMatch(GroupRepository.Member::acknowledged);
        Map<String, AlertRepository.StoredAlert> stored = new HashMap<>();
        if (mayBeSuppressed) {
            List<String> toLoad = new ArrayList<>();
            for (GroupRepository.Member member : membersByGroup.values().stream().flatMap(List::stream).toList()) {
                AlertRepository.StoredAlert inHand = known.get(member.alertId());
                if (inHand != null) {
                    stored.put(member.alertId(), inHand);
                } else {
                    toLoad.add(member.alertId());
                }
            }
            if (!toLoad.isEmpty()) {
                stored.putAll(alerts.load(connection, toLoad));
            }
        }
        List<Delivery> suppressed = new ArrayList<>();
        List<NotificationRepository.NewNotification> notificationsToQueue = new ArrayList<>();
        List<GroupRepository.Flush> flushes = new ArrayList<>();
        for (GroupRepository.DueGroup group : due) {
            List<GroupRepository.Member> firing = new ArrayList<>();
            List<GroupRepository.Member> repeating = new ArrayList<>();
            Instant nextRepeat = null;
            for (GroupRepository.Member member : membersByGroup.getOrDefault(group.groupId(), List.of())) {
                if (member.notifiedAt() == null || member.reopened()) {
                    firing.add(member);
                } else if (member.lastSeenAt().isAfter(member.notifiedAt())) {
                    Instant repeatAt = member.notifiedAt().plus(group.repeatInterval());
                    if (!repeatAt.isAfter(now)) {
                        repeating.add(member);
                    } else if (nextRepeat == null || repeatAt.isBefore(nextRepeat)) {
                        nextRepeat = repeatAt;
                    }
                }
            }
            List<GroupRepository.Member> silenced = new ArrayList<>();
            for (List<GroupRepository.Member> candidates : List.of(firing, repeating)) {
                for (GroupRepository.Member member : List.copyOf(candidates)) {
                    AlertRepository.StoredAlert alert = stored.get(member.alertId());
                    Optional<String> reason = alert == null
                            ? Optional.empty()
                            : suppression(connection, member, alert, active, group.routePath(),
                                    mutedRoutes.get(group.routePath()), now);
                    if (reason.isPresent()) {
                        candidates.remove(member);
                        silenced.add(member);
                        suppressed.addAll(suppressions(alert, group, reason.get(), now));
                    }
                }
            }
            List<String> silencedFingerprints = silenced.stream().map(GroupRepository.Member::fingerprint)
                    .toList();
            List<GroupRepository.Member> included = new ArrayList<>(firing);
            included.addAll(repeating);
            if (included.isEmpty()) {
                flushes.add(new GroupRepository.Flush(group.groupId(), silencedFingerprints,
                        silenced.isEmpty() ? null : now, nextRepeat));
                continue;
            }
            NotificationAction action = firing.isEmpty() ? NotificationAction.REPEAT : NotificationAction.FIRING;
            List<String> alertIds = included.stream().map(GroupRepository.Member::alertId).toList();
            for (String receiver : group.receivers()) {
                notificationsToQueue.add(new NotificationRepository.NewNotification(
                        StableIds.of(group.groupId(), receiver, now.toString()), group.groupId(),
                        group.groupLabelsJson(), receiver, action, alertIds, null, worker.maxAttempts()));
            }
            List<String> notified = new ArrayList<>(silencedFingerprints);
            included.stream().map(GroupRepository.Member::fingerprint).forEach(notified::add);
            flushes.add(new GroupRepository.Flush(group.groupId(), notified, now, nextRepeat));
            LOGGER.debugf("Group flushed: groupId=%s route=%s action=%s alerts=%d receivers=%s",
                    group.groupId(), group.routePath(), action, alertIds.size(), group.receivers());
        }
        if (insertNotifications) {
            notifications.insertAll(connection, notificationsToQueue, now);
        }
        if (writeGroups) {
            groups.flushedAll(connection, flushes);
        }
        ledger.record(connection, suppressed);
        for (String alertId : suppressed.stream().map(Delivery::alertId).distinct().toList()) {
            alerts.markUnrouted(connection, alertId); // a suppressed alert is not escalated either
        }
        return new FlushResult(due.size(), notificationsToQueue, suppressed.size());
    }

    /**
     * @return why the alert is not to be sent now: its fingerprint is acknowledged (and not resolved), or, checked as
     *         on arrival, a matching active silence, the route muted by a time interval, or an inhibiting alert
     *         received within an inhibit rule's duration
     */
    private Optional<String> suppression(Connection connection, GroupRepository.Member member,
            AlertRepository.StoredAlert alert, List<Silence> active, String routePath, Optional<String> routeMutedBy,
            Instant now) throws SQLException {
        if (member.acknowledged()) {
            return Optional.of("acknowledged by " + member.acknowledgedBy() + " at " + member.acknowledgedAt()
                    + " (fingerprint " + member.fingerprint() + "; sent again once resolved)");
        }
        Optional<String> silenced = active.stream().filter(silence -> silence.matches(alert.labels())).findFirst()
                .map(Silence::describe);
        if (silenced.isPresent()) {
            return silenced;
        }
        if (routeMutedBy.isPresent()) {
            return Optional.of("route " + routePath + " muted by " + routeMutedBy.get());
        }
        return inhibitor.inhibition(connection, alert.alert().id(), alert.labels(), now);
    }

    private List<Delivery> suppressions(AlertRepository.StoredAlert alert, GroupRepository.DueGroup group,
            String reason, Instant now) {
        LOGGER.infof("Alert suppressed when its group was due: alertId=%s route=%s reason=%s", alert.alert().id(),
                group.routePath(), reason);
        return group.receivers().stream().map(receiver -> SuppressedDelivery.of(alert.alert(), receiver,
                receivers.names().contains(receiver) ? receivers.get(receiver).kind() : "unknown",
                reason, now)).toList();
    }
}
