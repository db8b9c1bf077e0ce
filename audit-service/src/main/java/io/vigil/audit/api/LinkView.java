package io.vigil.audit.api;

import io.vigil.audit.verifier.ChainLink;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A chain link: {@code hash = SHA-256(previousHash ‖ contentHash)} over raw bytes (docs/audit.md).
 *
 * @param id the chain id ({@code <topic>/<partition>} or {@code api-access})
 * @param seq the position in the chain, from 1
 * @param previousHash the previous link's hash, hex
 * @param contentHash the SHA-256 of the canonical content document, hex
 * @param hash this link's hash, hex
 */
@Schema(name = "ChainLink", description = "A link of an evidence hash chain")
public record LinkView(String id, long seq, String previousHash, String contentHash, String hash) {

    static LinkView of(ChainLink link) {
        return new LinkView(link.chain(), link.seq(), link.previousHash(), link.contentHash(), link.hash());
    }
}
