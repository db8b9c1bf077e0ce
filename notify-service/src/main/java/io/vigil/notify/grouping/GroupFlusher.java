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
import io.vigil.notify.ledger.LedgerPublisher;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.ledger.SuppressedDelivery;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.silence.Silence;
import io.vigil.notify.silence.SilenceRepository;
import io.vigil.notify.store.Database;
import io.vigil.notify.work.WorkLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns due groups into notifications, one per receiver of the group's route, in the same transaction that marks
 * the members notified, so a restart neither resends nor forgets. A due group notifies its members not yet notified
 * ({@code FIRING}) and, once {@code repeat_interval} has passed since their last notification, members seen again
 * ({@code REPEAT}); acknowledged fingerprints are left out. Silences are checked again here, not only when an alert
 * arrives: a member matched by a silence created while it waited in its group is recorded {@code SUPPRESSED} for each
 * receiver and marked notified instead of being sent.
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
    private final Clock clock;
    private final Duration pollInterval;
    private WorkLoop loop;

    public GroupFlusher(Database database, GroupRepository groups, NotificationRepository notifications,
            DeliveryWorker worker, SilenceRepository silences, AlertRepository alerts, LedgerRepository ledger,
            LedgerPublisher publisher, Receivers receivers, Clock clock, DispatchConfig dispatch) {
        this.database = database;
        this.groups = groups;
        this.notifications = notifications;
        this.worker = worker;
        this.silences = silences;
        this.alerts = alerts;
        this.ledger = ledger;
        this.publisher = publisher;
        this.receivers = receivers;
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

    boolean flushDue() {
        Instant now = clock.instant();
        int[] queued = new int[1];
        int[] suppressedCount = new int[1];
        int flushed = database.inTransaction(connection -> {
            List<GroupRepository.DueGroup> due = groups.lockDue(connection, now, BATCH);
            if (due.isEmpty()) {
                return 0;
            }
            Map<String, List<GroupRepository.Member>> membersByGroup = groups.members(connection,
                    due.stream().map(GroupRepository.DueGroup::groupId).toList());
            List<Silence> active = silences.active(connection, now);
            // labels are only needed to match silences; without an active one, nothing is loaded
            Map<String, AlertRepository.StoredAlert> stored = active.isEmpty()
                    ? Map.of()
                    : alerts.load(connection, membersByGroup.values().stream().flatMap(List::stream)
                            .map(GroupRepository.Member::alertId).toList());
            List<Delivery> suppressed = new ArrayList<>();
            List<NotificationRepository.NewNotification> notificationsToQueue = new ArrayList<>();
            List<GroupRepository.Flush> flushes = new ArrayList<>();
            for (GroupRepository.DueGroup group : due) {
                List<GroupRepository.Member> firing = new ArrayList<>();
                List<GroupRepository.Member> repeating = new ArrayList<>();
                Instant nextRepeat = null;
                for (GroupRepository.Member member : membersByGroup.getOrDefault(group.groupId(), List.of())) {
                    if (member.acknowledged()) {
                        continue;
                    }
                    if (member.notifiedAt() == null) {
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
                    candidates.removeIf(member -> {
                        Optional<Silence> silence = silenceOf(member, active, stored);
                        silence.ifPresent(s -> {
                            silenced.add(member);
                            suppressed.addAll(suppressions(stored.get(member.alertId()), group, s, now));
                        });
                        return silence.isPresent();
                    });
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
            notifications.insertAll(connection, notificationsToQueue, now);
            groups.flushedAll(connection, flushes);
            ledger.record(connection, suppressed);
            for (String alertId : suppressed.stream().map(Delivery::alertId).distinct().toList()) {
                alerts.markUnrouted(connection, alertId); // a silenced alert is not escalated either
            }
            queued[0] = notificationsToQueue.size();
            suppressedCount[0] = suppressed.size();
            return due.size();
        });
        if (queued[0] > 0) {
            worker.wake();
        }
        if (suppressedCount[0] > 0) {
            publisher.wake();
        }
        return flushed == BATCH;
    }

    private static Optional<Silence> silenceOf(GroupRepository.Member member, List<Silence> active,
            Map<String, AlertRepository.StoredAlert> stored) {
        AlertRepository.StoredAlert alert = stored.get(member.alertId());
        return alert == null
                ? Optional.empty()
                : active.stream().filter(silence -> silence.matches(alert.labels())).findFirst();
    }

    private List<Delivery> suppressions(AlertRepository.StoredAlert alert, GroupRepository.DueGroup group,
            Silence silence, Instant now) {
        LOGGER.infof("Alert suppressed when its group was due: alertId=%s route=%s reason=%s", alert.alert().id(),
                group.routePath(), silence.describe());
        return group.receivers().stream().map(receiver -> SuppressedDelivery.of(alert.alert(), receiver,
                receivers.names().contains(receiver) ? receivers.get(receiver).kind() : "unknown",
                silence.describe(), now)).toList();
    }
}
