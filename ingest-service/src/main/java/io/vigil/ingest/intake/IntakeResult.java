package io.vigil.ingest.intake;

import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import java.util.List;

/** What became of one piece of input: events to publish, or a rejection with its reason. */
public sealed interface IntakeResult {

    /**
     * The input was understood.
     *
     * @param events the normalized events made from it; never empty
     */
    record Accepted(List<NormalizedEvent> events) implements IntakeResult {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * The input cannot become events; it goes to the dead-letter topic whole.
     *
     * @param reason the reason code
     * @param detail a sentence naming the limit, field or position involved
     */
    record Rejected(DeadLetterReason reason, String detail) implements IntakeResult {
    }
}
