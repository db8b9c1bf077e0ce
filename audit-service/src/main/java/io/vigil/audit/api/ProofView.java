package io.vigil.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A record's chain proof. To check it: SHA-256 of {@code contentDocument} (UTF-8) is {@code link.contentHash};
 * {@code h = SHA-256(link.previousHash ‖ link.contentHash)} is {@code link.hash}; then for each hash {@code c} in
 * {@code followingContentHashes}, {@code h = SHA-256(h ‖ c)}; the final {@code h} is the head hash that the signed
 * {@code digest} gives for the chain, and the digest's signature verifies with a published key.
 *
 * @param status {@code covered} when a digest covers the record, {@code pending-digest} when none does yet
 * @param evidence the record
 * @param contentDocument its RFC 8785 canonical content document
 * @param link its link
 * @param followingContentHashes content hashes of the links after it, through the digest's head for the chain
 * @param digest the first periodic digest that covers it, as signed ({@code {"digest":..,"signature":..}}); null
 *        while pending
 */
@Schema(name = "ChainProof", description = "A record, its link and the path to a signed digest head")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProofView(
        @Schema(enumeration = {
                "covered", "pending-digest"}) String status,
        EvidenceView evidence,
        String contentDocument,
        LinkView link,
        List<String> followingContentHashes,
        @Schema(type = SchemaType.OBJECT, nullable = true) JsonNode digest){
}
