package io.vigil.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.EvidenceRecord;
import io.vigil.audit.evidence.EvidenceRepository;
import io.vigil.audit.verifier.CanonicalJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An alert with its triggering events and its delivery history, for auditors. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RecordedAccess
@Tag(name = "Alerts", description = "Alerts with what triggered them and how they were delivered")
public class AlertResource {

    private final EvidenceRepository repository;
    private final ApiConfig config;

    AlertResource(EvidenceRepository repository, ApiConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** @return the alert, the stored events it names and every delivery attempt */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Get an alert with its triggering events and delivery history")
    @APIResponse(responseCode = "200", description = "The alert", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    @APIResponse(responseCode = "404", description = "No alert with that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView get(@PathParam("id") String id) {
        EvidenceRecord alert = repository.findByKindAndId(EvidenceKind.ALERT, EvidenceParameters.id(id))
                .orElseThrow(() -> ProblemException.notFound("alert-not-found", "No alert evidence with id " + id));
        Set<String> eventIds = new LinkedHashSet<>();
        JsonNode events = CanonicalJson.parse(alert.payload()).path("events");
        events.forEach(event -> {
            if (event.hasNonNull("id")) {
                eventIds.add(event.get("id").asText());
            }
        });
        List<EvidenceRecord> stored = repository.findByKindAndIds(EvidenceKind.EVENT, eventIds);
        List<String> notStored = new ArrayList<>(eventIds);
        stored.forEach(event -> notStored.remove(event.sourceId()));
        List<EvidenceRecord> deliveries = repository.findByKindAndKey(EvidenceKind.DELIVERY, alert.sourceId(),
                config.maxAlertDeliveries());
        return new AlertView(EvidenceView.of(alert), stored.stream().map(EvidenceView::of).toList(), notStored,
                deliveries.stream().map(EvidenceView::of).toList());
    }
}
