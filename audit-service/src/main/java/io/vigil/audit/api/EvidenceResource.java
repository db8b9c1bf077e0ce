package io.vigil.audit.api;

import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.EvidenceRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read access to the evidence store for auditors.
 *
 * <p>Every method needs a bearer JWT whose issuer and signature verify and whose {@code groups} hold
 * {@code auditor} or {@code audit-admin}: without a valid token the answer is 401, without one of the roles 403.
 * Errors are {@code application/problem+json} bodies ({@link Problem}).
 */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence", description = "Every message Vigil's services exchanged, as stored evidence")
public class EvidenceResource {

    private final EvidenceRepository repository;
    private final ApiConfig config;

    EvidenceResource(EvidenceRepository repository, ApiConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /**
     * Lists evidence newest first, filtered by the given parameters, one page at a time.
     *
     * @return one page and the cursor of the next
     */
    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Search evidence", description = "Newest first, keyset-paged: pass the response's "
            + "nextAfter as after to get the next page. Time filters apply to recordedAt.")
    @APIResponse(responseCode = "200", description = "A page of evidence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EvidencePageView.class)))
    @APIResponse(responseCode = "400", description = "An unknown kind or a malformed parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    public EvidencePageView list(
            @Parameter(description = "Only this kind", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"event", "dead_letter", "alert", "compliance", "rule_change", "delivery"}))
            @QueryParam("kind") String kind,
            @Parameter(description = "Only this exact Kafka record key (account id, alert fingerprint, alert id, "
                    + "resource ARN, rule id, source message id)")
            @QueryParam("key") String key,
            @Parameter(description = "Only evidence recorded at or after this ISO-8601 instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("since") String since,
            @Parameter(description = "Only evidence recorded before this ISO-8601 instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("until") String until,
            @Parameter(description = "Page size, 1 to vigil.audit.api.max-page-size (1000); default "
                    + "vigil.audit.api.default-page-size (100)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("limit") String limit,
            @Parameter(description = "The previous page's nextAfter",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
            @QueryParam("after") String after) {
        return EvidencePageView.of(repository.search(EvidenceParameters.query(kind, key, since, until, limit, after,
                config.defaultPageSize(), config.maxPageSize())));
    }

    /**
     * Returns one piece of evidence with its payload.
     *
     * @return the evidence of that kind and id
     */
    @GET
    @Path("/{kind}/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Get one piece of evidence", description = "By kind and the message's id")
    @APIResponse(responseCode = "200", description = "The evidence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EvidenceView.class)))
    @APIResponse(responseCode = "400", description = "An unknown kind",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    @APIResponse(responseCode = "404", description = "No evidence of that kind and id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EvidenceView get(
            @Parameter(description = "The evidence kind", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"event", "dead_letter", "alert", "compliance", "rule_change", "delivery"}))
            @PathParam("kind") String kind,
            @Parameter(description = "The message's id") @PathParam("id") String id) {
        EvidenceKind parsedKind = EvidenceParameters.kind(kind);
        return repository.findByKindAndId(parsedKind, EvidenceParameters.id(id))
                .map(EvidenceView::of)
                .orElseThrow(() -> ProblemException.notFound("evidence-not-found",
                        "No " + parsedKind.wireName() + " evidence with id " + id));
    }
}
