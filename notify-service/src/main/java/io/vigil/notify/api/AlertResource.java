package io.vigil.notify.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.notify.ack.AcknowledgementRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.notify.ack.Acknowledgements;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Acknowledges and resolves alerts. Who acknowledges or resolves is the caller: the principal of the bearer token
 * ({@code upn}, else {@code preferred_username}, else {@code sub}); a body naming someone else is refused.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final Acknowledgements acknowledgements;
    private final SecurityIdentity identity;

    public AlertResource(Acknowledgements acknowledgements, SecurityIdentity identity) {
        this.acknowledgements = acknowledgements;
        this.identity = identity;
    }

    /**
     * Why an alert is acknowledged or resolved.
     *
     * @param by optional; when given, it must be the caller (the token's principal), who is recorded in any case
     * @param comment what was done; optional
     */
    public record Actor(@JsonProperty("by") String by, @JsonProperty("comment") String comment) {
    }

    /**
     * Acknowledges an alert's fingerprint until it is resolved: nothing of it is sent or escalated meanwhile;
     * PagerDuty incidents acknowledged.
     */
    @RolesAllowed("notify-operator")
    @POST
    @Path("/{alertId}/acknowledge")
    public AcknowledgementRepository.Acknowledgement acknowledge(@PathParam("alertId") String alertId, Actor actor) {
        return acknowledgements.acknowledge(alertId, Callers.actor(identity, actor == null ? null : actor.by(), "by"),
                actor == null ? null : actor.comment());
    }

    /** Resolves an alert: PagerDuty incidents resolved; the fingerprint is notified again when it fires later. */
    @RolesAllowed("notify-operator")
    @POST
    @Path("/{alertId}/resolve")
    public AcknowledgementRepository.Acknowledgement resolve(@PathParam("alertId") String alertId, Actor actor) {
        return acknowledgements.resolve(alertId, Callers.actor(identity, actor == null ? null : actor.by(), "by"),
                actor == null ? null : actor.comment());
    }
}
