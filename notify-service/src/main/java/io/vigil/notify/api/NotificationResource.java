package io.vigil.notify.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.contract.Delivery;
import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
import io.vigil.notify.intake.AlertRepository;
import io.vigil.notify.ledger.IntakeRecord;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.receiver.Receivers;
import io.vigil.notify.store.Database;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/** The notification outbox: list by status (e.g. the dead letters), inspect one, replay a dead-lettered one. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private static final Logger LOGGER = Logger.getLogger(NotificationResource.class);
    private static final Set<String> STATUSES = Set.of(NotificationRepository.PENDING,
            NotificationRepository.DELIVERED, NotificationRepository.DEAD_LETTERED);

    private final Database database;
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final Clock clock;

    private final AlertRepository alerts;
    private final LedgerRepository ledger;
    private final Receivers receivers;
    private final SecurityIdentity identity;

    public NotificationResource(Database database, NotificationRepository notifications, DeliveryWorker worker,
            Clock clock, AlertRepository alerts, LedgerRepository ledger, Receivers receivers,
            SecurityIdentity identity) {
        this.database = database;
        this.notifications = notifications;
        this.worker = worker;
        this.clock = clock;
        this.alerts = alerts;
        this.ledger = ledger;
        this.receivers = receivers;
        this.identity = identity;
    }

    /** Lists notifications in a status, most recently changed first. */
    @RolesAllowed({"notify-viewer", "notify-operator"})
    @GET
    public List<NotificationRepository.Row> list(@QueryParam("status") @DefaultValue("DEAD_LETTERED") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        String normalized = status.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(normalized)) {
            throw new ApiProblem(400, "invalid-status", "status must be PENDING, DELIVERED or DEAD_LETTERED; was '"
                    + status + "'");
        }
        if (limit < 1 || limit > 500) {
            throw new ApiProblem(400, "invalid-limit", "limit must be between 1 and 500, was " + limit);
        }
        return database.inTransaction(connection -> notifications.list(connection, normalized, limit));
    }

    /** One notification. */
    @RolesAllowed({"notify-viewer", "notify-operator"})
    @GET
    @Path("/{id}")
    public NotificationRepository.Row get(@PathParam("id") String id) {
        return database.inTransaction(connection -> notifications.find(connection, id))
                .orElseThrow(() -> notFound(id));
    }

    /**
     * Puts a dead-lettered notification back in the outbox with a fresh budget of attempts; it keeps its id, so
     * receivers that saw an earlier attempt recognise it by the idempotency key. The ledger gets a {@code QUEUED}
     * row per alert (attempt 0) naming the caller (the token's principal) and the attempts granted.
     *
     * @return 202 with the notification; 404 when unknown; 409 when it is not dead-lettered
     */
    @RolesAllowed("notify-operator")
    @POST
    @Path("/{id}/replay")
    public Response replay(@PathParam("id") String id) {
        String by = identity.getPrincipal().getName();
        Instant now = clock.instant();
        NotificationRepository.Row row = database.inTransaction(connection -> {
            NotificationRepository.Row current = notifications.find(connection, id).orElseThrow(() -> notFound(id));
            if (!notifications.replay(connection, id, worker.maxAttempts(), now)) {
                throw new ApiProblem(409, "not-dead-lettered", "Notification " + id + " is " + current.status()
                        + "; only DEAD_LETTERED notifications can be replayed");
            }
            NotificationRepository.Row replayed = notifications.find(connection, id).orElseThrow();
            String kind = receivers.names().contains(replayed.receiver())
                    ? receivers.get(replayed.receiver()).kind()
                    : "unknown";
            String note = "replayed by " + by + " at " + now + ": attempts " + (replayed.attempts() + 1) + " to "
                    + replayed.attemptLimit();
            List<Delivery> rows = new ArrayList<>();
            alerts.load(connection, replayed.alertIds()).values().forEach(alert -> rows.add(IntakeRecord.replayed(
                    alert.alert(), replayed.receiver(), kind, id, replayed.attempts(), note, now)));
            ledger.record(connection, rows);
            LOGGER.infof("Dead letter replayed: notificationId=%s receiver=%s by=%s", id, replayed.receiver(), by);
            return replayed;
        });
        worker.wake();
        return Response.accepted(row).build();
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, "notification-not-found", "No notification with id '" + id + "'");
    }
}
