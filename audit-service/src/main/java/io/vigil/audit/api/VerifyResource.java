package io.vigil.audit.api;

import io.vigil.audit.verifier.VerificationReport;
import io.vigil.audit.verify.VerificationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies a period of evidence against the signed digests. */
@Path("/api/v1/verify")
@Produces(MediaType.APPLICATION_JSON)
@RecordedAccess
@Tag(name = "Verification", description = "Checking that nothing was changed, removed, added or reordered")
public class VerifyResource {

    private final VerificationService service;

    VerifyResource(VerificationService service) {
        this.service = service;
    }

    /** @return ok, or the first broken link of each chain and its kind */
    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Verify a period", description = "Checks the digests whose period ends in (since, until] "
            + "and every record they cover. Without until, records not yet in a digest are checked too and a "
            + "newest digest older than three intervals is reported as a missing digest.")
    @APIResponse(responseCode = "200", description = "The outcome (status ok or broken)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    public VerificationView verify(
            @Parameter(
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("since") String since,
            @Parameter(
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("until") String until,
            @Parameter(
                    description = "Only this chain (digests are always checked)") @QueryParam("chain") String chain) {
        EvidenceParameters.TimeRange range = EvidenceParameters.range(since, until);
        String onlyChain = EvidenceParameters.text("chain", chain);
        VerificationReport report = service.verify(range.since(), range.until(),
                onlyChain == null ? Set.of() : Set.of(onlyChain));
        return VerificationView.of(report, range.since(), range.until(), onlyChain);
    }
}
