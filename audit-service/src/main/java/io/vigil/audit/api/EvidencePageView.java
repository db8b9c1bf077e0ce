package io.vigil.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.audit.evidence.EvidencePage;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of evidence, newest first.
 *
 * @param items the evidence on this page
 * @param nextAfter pass as {@code after} to get the next page; null on the last page
 */
@Schema(name = "EvidencePage", description = "A page of evidence, newest first")
public record EvidencePageView(
        List<EvidenceView> items,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true,
                description = "Pass as 'after' for the next page; null on the last page") Long nextAfter) {

    static EvidencePageView of(EvidencePage page) {
        return new EvidencePageView(page.records().stream().map(EvidenceView::of).toList(), page.nextAfter());
    }
}
