package io.vigil.audit.verifier;

import java.util.List;

/**
 * The outcome of a verification.
 *
 * @param digestsChecked digests whose signature and linkage were checked
 * @param recordsChecked records whose content hash and link were checked
 * @param breaks the first break of each chain and every digest problem, in the order found; empty when intact
 */
public record VerificationReport(long digestsChecked, long recordsChecked, List<Break> breaks) {

    public VerificationReport {
        breaks = List.copyOf(breaks);
    }

    /** @return true when nothing is broken */
    public boolean ok() {
        return breaks.isEmpty();
    }

    /** @return the first break found; null when intact */
    public Break firstBreak() {
        return breaks.isEmpty() ? null : breaks.getFirst();
    }
}
