package io.vigil.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of digests, newest first.
 *
 * @param items the digests
 * @param nextAfter pass as {@code after} for the next page; null on the last page
 */
@Schema(name = "DigestPage", description = "A page of digests, newest first")
public record DigestPageView(List<DigestView> items,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Long nextAfter) {
}
