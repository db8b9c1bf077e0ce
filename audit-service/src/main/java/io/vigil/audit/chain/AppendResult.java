package io.vigil.audit.chain;

import java.util.List;

/**
 * What an append did.
 *
 * @param appended the links appended, in order
 * @param duplicates the evidence that was already stored (same kind and source id, or an already chained offset)
 */
public record AppendResult(List<AppendedLink> appended, List<io.vigil.audit.evidence.NewEvidence> duplicates) {

    public AppendResult {
        appended = List.copyOf(appended);
        duplicates = List.copyOf(duplicates);
    }
}
