package io.vigil.audit.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert with what triggered it and what became of it.
 *
 * @param alert the alert evidence
 * @param triggeringEvents the stored events the alert names, oldest first
 * @param eventsNotStored ids of events the alert names that are not (or no longer) stored
 * @param deliveries every delivery attempt for the alert, oldest first
 */
@Schema(name = "AlertEvidence", description = "An alert, its triggering events and its delivery history")
public record AlertView(EvidenceView alert, List<EvidenceView> triggeringEvents, List<String> eventsNotStored,
        List<EvidenceView> deliveries) {
}
