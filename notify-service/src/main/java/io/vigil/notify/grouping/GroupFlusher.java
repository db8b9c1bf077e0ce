package io.vigil.notify.grouping;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.contract.StableIds;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.dispatch.DispatchConfig;
import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.receiver.NotificationAction;
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
import org.jboss.logging.Logger;

/**
 * Turns due groups into notifications, one per receiver of the group's route, in the same transaction that marks
 * the members notified, so a restart neither resends nor forgets. A due group notifies its members not yet notified
 * ({@code FIRING}) and, once {@code repeat_interval} has passed since their last notification, members seen again
 * ({@code REPEAT}); acknowledged fingerprints are left out.
 */
@ApplicationScoped
public class GroupFlusher {

    private static final Logger LOGGER = Logger.getLogger(GroupFlusher.class);
    private static final int BATCH = 200;

    private final Database database;
    private final GroupRepository groups;
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final Duration pollInterval;
    private WorkLoop loop;

    public GroupFlusher(Database database, GroupRepository groups, NotificationRepository notifications,
            DeliveryWorker worker, Clock clock, DispatchConfig dispatch) {
        this.database = database;
        this.groups = groups;
        this.notifications = notifications;
        this.worker = worker;
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
        int flushed = database.inTransaction(connection -> {
            List<GroupRepository.DueGroup> due = groups.lockDue(connection, now, BATCH);
            if (due.isEmpty()) {
                return 0;
            }
            Map<String, List<GroupRepository.Member>> membersByGroup = groups.members(connection,
                    due.stream().map(GroupRepository.DueGroup::groupId).toList());
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
                List<GroupRepository.Member> included = new ArrayList<>(firing);
                included.addAll(repeating);
                if (included.isEmpty()) {
                    flushes.add(new GroupRepository.Flush(group.groupId(), List.of(), null, nextRepeat));
                    continue;
                }
                NotificationAction action = firing.isEmpty() ? NotificationAction.REPEAT : NotificationAction.FIRING;
                List<String> alertIds = included.stream().map(GroupRepository.Member::alertId).toList();
                for (String receiver : group.receivers()) {
                    notificationsToQueue.add(new NotificationRepository.NewNotification(
                            StableIds.of(group.groupId(), receiver, now.toString()), group.groupId(),
                            group.groupLabelsJson(), receiver, action, alertIds, null, worker.maxAttempts()));
                }
                flushes.add(new GroupRepository.Flush(group.groupId(),
                        included.stream().map(GroupRepository.Member::fingerprint).toList(), now, nextRepeat));
                LOGGER.debugf("Group flushed: groupId=%s route=%s action=%s alerts=%d receivers=%s",
                        group.groupId(), group.routePath(), action, alertIds.size(), group.receivers());
            }
            notifications.insertAll(connection, notificationsToQueue, now);
            groups.flushedAll(connection, flushes);
            queued[0] = notificationsToQueue.size();
            return due.size();
        });
        if (queued[0] > 0) {
            worker.wake();
        }
        return flushed == BATCH;
    }
}
