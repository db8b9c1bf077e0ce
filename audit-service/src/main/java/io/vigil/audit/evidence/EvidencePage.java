package io.vigil.audit.evidence;

import java.util.List;

/**
 * One page of evidence, newest first.
 *
 * @param records the records of this page, at most the query's limit
 * @param nextAfter the cursor for the next page (pass it as {@code after}); null on the last page
 */
public record EvidencePage(List<EvidenceRecord> records, Long nextAfter) {

    public EvidencePage {
        records = List.copyOf(records);
    }
}
