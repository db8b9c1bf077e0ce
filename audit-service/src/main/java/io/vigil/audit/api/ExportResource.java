package io.vigil.audit.api;

import io.vigil.audit.verify.EvidenceExporter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exports a period of evidence and its digests for the offline verifier ({@code bin/vigil-audit-verify}). */
@Path("/api/v1/export")
@RecordedAccess
@Tag(name = "Verification")
public class ExportResource {

    /** Newline-delimited JSON. */
    static final String NDJSON = "application/x-ndjson";

    private final EvidenceExporter exporter;

    ExportResource(EvidenceExporter exporter) {
        this.exporter = exporter;
    }

    /** @return the export as newline-delimited JSON */
    @GET
    @Produces(NDJSON)
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Export a period for offline verification", description = "Newline-delimited JSON: a "
            + "header, the digests and every record verifying the period reads (docs/audit.md, Export format)")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "400", description = "A malformed parameter")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    public Response export(
            @Parameter(
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("since") String since,
            @Parameter(schema = @Schema(type = SchemaType.STRING,
                    format = "date-time")) @QueryParam("until") String until) {
        EvidenceParameters.TimeRange range = EvidenceParameters.range(since, until);
        StreamingOutput body = out -> exporter.export(range.since(), range.until(), out);
        return Response.ok(body, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"vigil-evidence.ndjson\"").build();
    }
}
