package io.vigil.audit.api;

import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.EvidenceRecord;
import io.vigil.audit.evidence.EvidenceRepository;
import io.vigil.audit.verify.ChainProofs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * Errors are {@code application/problem+json} bodies ({@link Problem}). Every call is recorded as evidence.
 */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@RecordedAccess
@Tag(name = "Evidence", description = "Everything Vigil's services exchanged, and every API access, as evidence")
public class EvidenceResource {

    private final EvidenceRepository repository;
    private final ChainProofs proofs;
    private final ApiConfig config;

    EvidenceResource(EvidenceRepository repository, ChainProofs proofs, ApiConfig config) {
        this.repository = repository;
        this.proofs = proofs;
        this.config = config;
    }

    /** @return one page of matching evidence, newest first, and the cursor of the next */
    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Search evidence", description = "Newest first, keyset-paged: pass the response's "
            + "nextAfter as after to get the next page. Time filters apply to recordedAt. Filters combine with AND.")
    @APIResponse(responseCode = "200", description = "A page of evidence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EvidencePageView.class)))
    @APIResponse(responseCode = "400", description = "An unknown kind or a malformed parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    @APIResponse(responseCode = "429", description = "Rate limit exceeded; see Retry-After")
    public EvidencePageView list(@BeanParam EvidenceSearch search) {
        return EvidencePageView.of(repository.search(EvidenceParameters.query(search, config.defaultPageSize(),
                config.maxPageSize())));
    }

    /** @return the evidence of that kind and id, with its chain link */
    @GET
    @Path("/{kind}/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Get one piece of evidence", description = "By kind and the message's id, with its link")
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
            @Parameter(description = "The evidence kind",
                    schema = @Schema(type = SchemaType.STRING)) @PathParam("kind") String kind,
            @Parameter(description = "The message's id") @PathParam("id") String id) {
        return EvidenceView.of(find(kind, id));
    }

    /** @return the evidence with its chain proof up to the signed digest that covers it */
    @GET
    @Path("/{kind}/{id}/proof")
    @Transactional
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "Get one piece of evidence with its chain proof", description = "The canonical content "
            + "document, the link, the content hashes of the following links and the signed digest whose head "
            + "they reach. See docs/audit.md for checking it.")
    @APIResponse(responseCode = "200", description = "The proof",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProofView.class)))
    @APIResponse(responseCode = "400", description = "An unknown kind, or a proof longer than allowed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    @APIResponse(responseCode = "404", description = "No evidence of that kind and id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProofView proof(@PathParam("kind") String kind, @PathParam("id") String id) {
        EvidenceRecord record = find(kind, id);
        ChainProofs.ChainProof proof;
        try {
            proof = proofs.proof(record, config.maxProofLinks());
        } catch (ChainProofs.ProofTooLongException e) {
            throw ProblemException.badRequest("proof-too-long", e.getMessage());
        }
        return new ProofView(proof.digest() == null ? "pending-digest" : "covered", EvidenceView.of(record),
                proof.contentDocument(), LinkView.of(record.link()), proof.followingContentHashes(),
                proof.digest() == null ? null : proof.digest().toJson());
    }

    private EvidenceRecord find(String kind, String id) {
        EvidenceKind parsedKind = EvidenceParameters.kind(kind);
        return repository.findByKindAndId(parsedKind, EvidenceParameters.id(id))
                .orElseThrow(() -> ProblemException.notFound("evidence-not-found",
                        "No " + parsedKind.wireName() + " evidence with id " + id));
    }
}
