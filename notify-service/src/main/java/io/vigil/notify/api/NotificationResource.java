package io.vigil.notify.api;

import io.vigil.notify.dispatch.DeliveryWorker;
import io.vigil.notify.dispatch.NotificationRepository;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The notification outbox: list by status (e.g. the dead letters), inspect one, replay a dead-lettered one. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private static final Set<String> STATUSES = Set.of(NotificationRepository.PENDING,
            NotificationRepository.DELIVERED, NotificationRepository.DEAD_LETTERED);

    private final Database database;
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final Clock clock;

    public NotificationResource(Database database, NotificationRepository notifications, DeliveryWorker worker,
            Clock clock) {
        this.database = database;
        this.notifications = notifications;
        this.worker = worker;
        this.clock = clock;
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
     * receivers that saw an earlier attempt recognise it by the idempotency key.
     *
     * @return 202 with the notification; 404 when unknown; 409 when it is not dead-lettered
     */
    @RolesAllowed("notify-operator")
    @POST
    @Path("/{id}/replay")
    public Response replay(@PathParam("id") String id) {
        NotificationRepository.Row row = database.inTransaction(connection -> {
            NotificationRepository.Row current = notifications.find(connection, id).orElseThrow(() -> notFound(id));
            if (!notifications.replay(connection, id, worker.maxAttempts(), clock.instant())) {
                throw new ApiProblem(409, "not-dead-lettered", "Notification " + id + " is " + current.status()
                        + "; only DEAD_LETTERED notifications can be replayed");
            }
            return notifications.find(connection, id).orElseThrow();
        });
        worker.wake();
        return Response.accepted(row).build();
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, "notification-not-found", "No notification with id '" + id + "'");
    }
}
