package io.vigil.notify.ack;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.contract.StableIds;
import io.vigil.notify.StartupOrder;
import io.vigil.notify.dispatch.DispatchConfig;
import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.store.Database;
import io.vigil.notify.work.WorkLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Sends alerts of the configured severities that nobody acknowledged within {@code vigil.notify.escalation.after} to
 * the escalation receiver, once per alert ({@code ESCALATION}). The receiver is checked at start-up.
 */
@ApplicationScoped
public class Escalator {

    private static final Logger LOGGER = Logger.getLogger(Escalator.class);
    private static final int BATCH = 100;

    private final EscalationConfig config;
    private final Database database;
    private final AlertRepository alerts;
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final Duration pollInterval;
    private WorkLoop loop;

    public Escalator(EscalationConfig config, Receivers receivers, Database database, AlertRepository alerts,
            NotificationRepository notifications, DeliveryWorker worker, Clock clock, DispatchConfig dispatch) {
        config.receiver().ifPresent(name -> {
            if (!receivers.names().contains(name)) {
                throw new IllegalArgumentException("vigil.notify.escalation.receiver names receiver '" + name
                        + "', which is not configured (vigil.notify.receivers." + name + ".kind)");
            }
        });
        this.config = config;
        this.database = database;
        this.alerts = alerts;
        this.notifications = notifications;
        this.worker = worker;
        this.clock = clock;
        this.pollInterval = dispatch.pollInterval();
    }

    void start(@Observes @Priority(StartupOrder.WORKERS) StartupEvent startup) {
        if (config.receiver().isPresent()) {
            LOGGER.infof("Escalating %s alerts not acknowledged within %s to %s", config.severities(),
                    config.after(), config.receiver().get());
            loop = WorkLoop.start("escalation", pollInterval, this::escalateDue);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.close();
        }
    }

    boolean escalateDue() {
        String receiver = config.receiver().orElseThrow();
        Instant now = clock.instant();
        List<String> severities = config.severities().stream().map(s -> s.name().toUpperCase(Locale.ROOT)).toList();
        int escalated = database.inTransaction(connection -> {
            List<String> due = alerts.lockEscalationCandidates(connection, severities, now.minus(config.after()),
                    BATCH);
            for (String alertId : due) {
                notifications.insert(connection, StableIds.of(alertId, receiver, "ESCALATION"), null, Map.of(),
                        receiver, NotificationAction.ESCALATION, List.of(alertId),
                        "Escalated: not acknowledged within " + config.after(), worker.maxAttempts(), now);
                alerts.markEscalated(connection, alertId, now);
                LOGGER.infof("Alert escalated: alertId=%s receiver=%s", alertId, receiver);
            }
            return due.size();
        });
        if (escalated > 0) {
            worker.wake();
        }
        return escalated == BATCH;
    }
}
