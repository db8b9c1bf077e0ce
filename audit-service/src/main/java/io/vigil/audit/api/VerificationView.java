package io.vigil.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.audit.verifier.Break;
import io.vigil.audit.verifier.VerificationReport;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of a verification.
 *
 * @param status {@code ok} or {@code broken}
 * @param since start of the verified period; null for the beginning
 * @param until end of the verified period; null for now (records not yet in a digest included)
 * @param chain the only chain walked; null for all
 * @param digestsChecked digests whose signature and linkage were checked
 * @param recordsChecked records whose hashes and links were checked
 * @param firstBreak the first broken link; null when ok
 * @param breaks the first break of each chain and every digest problem
 */
@Schema(name = "Verification", description = "OK, or the first broken link and its kind")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VerificationView(@Schema(enumeration = {
        "ok", "broken"}) String status,
        @Schema(nullable = true) Instant since, @Schema(nullable = true) Instant until,
        @Schema(nullable = true) String chain, long digestsChecked, long recordsChecked,
        @Schema(nullable = true) BreakView firstBreak, List<BreakView> breaks){

    static VerificationView of(VerificationReport report, Instant since, Instant until, String chain) {
        List<BreakView> breaks = report.breaks().stream().map(BreakView::of).toList();
        return new VerificationView(report.ok() ? "ok" : "broken", since, until, chain, report.digestsChecked(),
                report.recordsChecked(), breaks.isEmpty() ? null : breaks.getFirst(), breaks);
    }

    /**
     * A broken link.
     *
     * @param kind modified, deleted, inserted, reordered, missing-digest or bad-signature
     * @param chain the chain; null for a digest problem
     * @param seq where in the chain; null for a digest problem
     * @param digestSeq the digest involved; nullable
     * @param sourceId the record involved; nullable
     * @param detail what was expected and found
     */
    @Schema(name = "Break")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BreakView(@Schema(enumeration = {
            "modified", "deleted", "inserted", "reordered", "missing-digest",
            "bad-signature"}) String kind, String chain, Long seq, Long digestSeq, String sourceId, String detail){

        static BreakView of(Break broken) {
            return new BreakView(broken.kind().wireName(), broken.chain(), broken.seq(), broken.digestSeq(),
                    broken.sourceId(), broken.detail());
        }
    }
}
