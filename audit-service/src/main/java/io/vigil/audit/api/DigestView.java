package io.vigil.audit.api;

import io.vigil.audit.verifier.ChainHead;
import io.vigil.audit.verifier.Digest;
import io.vigil.audit.verifier.SignedDigest;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A digest in a listing; download it for the signed document.
 *
 * @param seq its number
 * @param type {@code periodic} or {@code retention}
 * @param periodStart start of its period
 * @param periodEnd end of its period
 * @param previousDigestHash hash of the previous digest
 * @param digestHash its own hash (SHA-256 of the canonical document)
 * @param keyId the signing key
 * @param chains number of chains it lists
 * @param records number of links it covers (periodic) or removed (retention)
 */
@Schema(name = "DigestSummary", description = "A signed digest, summarized")
public record DigestView(long seq, @Schema(enumeration = {
        "periodic", "retention"}) String type, Instant periodStart,
        Instant periodEnd, String previousDigestHash, String digestHash, String keyId, int chains, long records){

    static DigestView of(SignedDigest signed) {
        Digest digest = signed.digest();
        return new DigestView(digest.seq(), digest.type().wireName(), digest.periodStart(), digest.periodEnd(),
                digest.previousDigestHash(), digest.hash(), digest.keyId(), digest.chains().size(),
                digest.chains().stream().mapToLong(ChainHead::count).sum());
    }
}
