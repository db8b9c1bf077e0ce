package io.vigil.audit.chain;

import io.vigil.audit.evidence.NewEvidence;
import io.vigil.audit.verifier.ChainLink;
import java.time.Instant;

/**
 * One appended piece of evidence and its link.
 *
 * @param evidence what was appended
 * @param link its chain link
 * @param recordedAt its recorded time (microseconds)
 */
public record AppendedLink(NewEvidence evidence, ChainLink link, Instant recordedAt) {
}
