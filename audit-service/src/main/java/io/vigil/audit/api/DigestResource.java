package io.vigil.audit.api;

import io.vigil.audit.digest.DigestRepository;
import io.vigil.audit.digest.DigestService;
import io.vigil.audit.verifier.SignedDigest;
import io.vigil.audit.verify.VerificationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed digests: list, download, and (audit-admin) sign one now. */
@Path("/api/v1/digests")
@Produces(MediaType.APPLICATION_JSON)
@RecordedAccess
@Tag(name = "Digests", description = "Signed digests of every chain's head, linked into their own chain")
public class DigestResource {

    private final DigestRepository repository;
    private final DigestService service;
    private final ApiConfig config;

    DigestResource(DigestRepository repository, DigestService service, ApiConfig config) {
        this.repository = repository;
        this.service = service;
        this.config = config;
    }

    /** @return a page of digests whose period ends in the range, newest first */
    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "List digests", description = "Newest first; since/until filter on periodEnd")
    @APIResponse(responseCode = "200", description = "A page of digests", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DigestPageView.class)))
    @APIResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    public DigestPageView list(
            @Parameter(
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("since") String since,
            @Parameter(
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("until") String until,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @Parameter(description = "The previous page's nextAfter",
                    schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("after") String after) {
        EvidenceParameters.TimeRange range = EvidenceParameters.range(since, until);
        int pageSize = EvidenceParameters.isAbsent(limit)
                ? config.defaultPageSize()
                : EvidenceParameters.number("limit", limit, 1, config.maxPageSize()).intValue();
        long before = EvidenceParameters.isAbsent(after)
                ? Long.MAX_VALUE
                : EvidenceParameters.number("after", after, 1, Long.MAX_VALUE);
        List<SignedDigest> rows = repository.page(
                range.since() == null ? VerificationService.BEGINNING : range.since(),
                range.until() == null ? VerificationService.END : range.until(), before, pageSize + 1);
        List<SignedDigest> page = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
        Long next = rows.size() > pageSize ? page.getLast().digest().seq() : null;
        return new DigestPageView(page.stream().map(DigestView::of).toList(), next);
    }

    /** @return the signed digest document, as a download */
    @GET
    @Path("/{seq}")
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Download a signed digest",
            description = "{\"type\":\"digest\",\"digest\":{...},\"signature\":\"base64 Ed25519\"}; the signature "
                    + "covers the RFC 8785 canonical form of digest")
    @APIResponse(responseCode = "200", description = "The signed digest")
    @APIResponse(responseCode = "400", description = "A malformed number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    @APIResponse(responseCode = "404", description = "No such digest",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response download(@PathParam("seq") String seq) {
        long number = EvidenceParameters.number("seq", seq, 1, Long.MAX_VALUE);
        SignedDigest digest = repository.find(number).orElseThrow(() -> ProblemException.notFound(
                "digest-not-found", "No digest number " + number));
        return Response.ok(digest.toJson(), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"vigil-digest-" + number + ".json\"").build();
    }

    /** @return the digest signed now */
    @POST
    @RolesAllowed(Roles.AUDIT_ADMIN)
    @Operation(summary = "Sign a digest now", description = "audit-admin only; the scheduler signs one every "
            + "vigil.audit.digest.interval anyway")
    @APIResponse(responseCode = "201", description = "The new digest", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DigestView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the audit-admin role")
    public Response sign() {
        SignedDigest digest = service.signPeriodic(Duration.ZERO).orElseThrow();
        return Response.status(Response.Status.CREATED).entity(DigestView.of(digest))
                .header("Location", "/api/v1/digests/" + digest.digest().seq()).build();
    }
}
