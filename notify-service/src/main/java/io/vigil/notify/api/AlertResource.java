package io.vigil.notify.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.notify.ack.AcknowledgementRepository;
import io.vigil.notify.ack.Acknowledgements;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Acknowledges and resolves alerts. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final Acknowledgements acknowledgements;

    public AlertResource(Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    /**
     * Who acknowledges or resolves, and why.
     *
     * @param by who; required
     * @param comment what was done; optional
     */
    public record Actor(@JsonProperty("by") String by, @JsonProperty("comment") String comment) {
    }

    /** Acknowledges an alert: no more repeats or escalation for its fingerprint; PagerDuty incidents acknowledged. */
    @RolesAllowed("notify-operator")
    @POST
    @Path("/{alertId}/acknowledge")
    public AcknowledgementRepository.Acknowledgement acknowledge(@PathParam("alertId") String alertId, Actor actor) {
        return acknowledgements.acknowledge(alertId, by(actor), actor.comment());
    }

    /** Resolves an alert: PagerDuty incidents resolved. */
    @RolesAllowed("notify-operator")
    @POST
    @Path("/{alertId}/resolve")
    public AcknowledgementRepository.Acknowledgement resolve(@PathParam("alertId") String alertId, Actor actor) {
        return acknowledgements.resolve(alertId, by(actor), actor.comment());
    }

    private static String by(Actor actor) {
        if (actor == null || actor.by() == null || actor.by().isBlank()) {
            throw new ApiProblem(400, "invalid-actor", "by is required: who acknowledges or resolves the alert");
        }
        return actor.by();
    }
}
