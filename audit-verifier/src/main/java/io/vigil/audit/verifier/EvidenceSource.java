package io.vigil.audit.verifier;

import java.util.Iterator;
import java.util.Set;

/** Where verification reads stored evidence from: the database (audit-service) or an export file (offline). */
public interface EvidenceSource {

    /** @return true when the chain is to be verified (a source may verify only some chains); true by default */
    default boolean includes(String chain) {
        return true;
    }

    /** @return every chain that holds evidence */
    Set<String> chains();

    /**
     * @param chain the chain
     * @param afterSeq only records with a greater sequence number
     * @param throughSeq only records with this sequence number or less
     * @return the chain's records in that range, ordered by sequence number (then recorded time); the caller
     *         closes it when it is {@link AutoCloseable}
     */
    Iterator<ChainedEvidence> records(String chain, long afterSeq, long throughSeq);
}
