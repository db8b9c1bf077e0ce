package io.vigil.audit.verifier;

/**
 * A broken link found by verification.
 *
 * @param kind what is wrong
 * @param chain the chain; null for a digest problem
 * @param seq the sequence number in the chain where it is broken; null for a digest problem
 * @param digestSeq the digest involved; nullable
 * @param sourceId the source id of the record involved; nullable
 * @param detail what was expected and what was found
 */
public record Break(BreakKind kind, String chain, Long seq, Long digestSeq, String sourceId, String detail) {

    static Break inChain(BreakKind kind, String chain, long seq, String sourceId, String detail) {
        return new Break(kind, chain, seq, null, sourceId, detail);
    }

    static Break inDigest(BreakKind kind, long digestSeq, String detail) {
        return new Break(kind, null, null, digestSeq, null, detail);
    }

    /** @return one line for people */
    public String describe() {
        StringBuilder line = new StringBuilder(kind.wireName());
        if (chain != null) {
            line.append(" chain=").append(chain).append(" seq=").append(seq);
        }
        if (digestSeq != null) {
            line.append(" digest=").append(digestSeq);
        }
        if (sourceId != null) {
            line.append(" sourceId=").append(sourceId);
        }
        return line.append(": ").append(detail).toString();
    }
}
