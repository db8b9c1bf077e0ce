package io.vigil.ingest.intake;

import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import java.util.List;

/** What became of one piece of input: events to publish, a rejection with its reason, or a retry later. */
public sealed interface IntakeResult {

    /**
     * The input was understood.
     *
     * @param events the normalized events made from it
     * @param deadLetters parts of it that could not become events (a malformed record in a log file); both are
     *        empty only for a log file without records
     */
    record Accepted(List<NormalizedEvent> events, List<DeadLetter> deadLetters) implements IntakeResult {
        public Accepted {
            events = List.copyOf(events);
            deadLetters = List.copyOf(deadLetters);
        }

        public Accepted(List<NormalizedEvent> events) {
            this(events, List.of());
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

    /**
     * Something the input points to cannot be read now (S3 unreachable); leave the message for redelivery. After
     * {@code vigil.ingest.sqs.max-receives} receives it goes to the dead-letter topic.
     *
     * @param detail what failed
     */
    record Retry(String detail) implements IntakeResult {
    }
}
