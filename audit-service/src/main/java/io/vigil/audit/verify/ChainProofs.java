package io.vigil.audit.verify;

import io.vigil.audit.digest.DigestRepository;
import io.vigil.audit.evidence.EvidenceRecord;
import io.vigil.audit.evidence.EvidenceRepository;
import io.vigil.audit.verifier.CanonicalJson;
import io.vigil.audit.verifier.ChainHead;
import io.vigil.audit.verifier.SignedDigest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Builds a record's chain proof: the links from it to the head that the first covering digest signs. */
@ApplicationScoped
public class ChainProofs {

    private final EvidenceRepository evidence;
    private final DigestRepository digests;

    ChainProofs(EvidenceRepository evidence, DigestRepository digests) {
        this.evidence = evidence;
        this.digests = digests;
    }

    /**
     * @param maxLinks the longest path allowed
     * @return the proof; {@link ChainProof#digest()} is null while no digest covers the record
     * @throws ProofTooLongException when more than {@code maxLinks} links separate the record from the digest head
     */
    public ChainProof proof(EvidenceRecord record, int maxLinks) {
        String document = CanonicalJson.text(record.toChained().content().document());
        Optional<SignedDigest> covering = digests.firstCovering(record.chain(), record.seq());
        if (covering.isEmpty()) {
            return new ChainProof(record, document, List.of(), null);
        }
        long headSeq = covering.get().digest().chains().stream().filter(head -> head.chain().equals(record.chain()))
                .mapToLong(ChainHead::toSeq).findFirst().orElseThrow();
        if (headSeq - record.seq() > maxLinks) {
            throw new ProofTooLongException(headSeq - record.seq(), maxLinks);
        }
        return new ChainProof(record, document, evidence.contentHashes(record.chain(), record.seq(), headSeq),
                covering.get());
    }

    /**
     * A chain proof.
     *
     * @param record the record
     * @param contentDocument its canonical content document
     * @param followingContentHashes content hashes of the links after it through the digest head
     * @param digest the covering digest; null while pending
     */
    public record ChainProof(EvidenceRecord record, String contentDocument, List<String> followingContentHashes,
            SignedDigest digest) {
    }

    /** The path to the digest head is longer than allowed. */
    public static final class ProofTooLongException extends RuntimeException {

        ProofTooLongException(long links, int max) {
            super("The proof would list " + links + " links, more than vigil.audit.api.max-proof-links (" + max
                    + "); verify the chain with /api/v1/verify instead");
        }
    }
}
