package io.vigil.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.ingest.dlq.DeadLetters;
import io.vigil.ingest.normalize.FindingNormalizer;
import io.vigil.ingest.normalize.InvalidShapeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Security Hub message (ASFF or OCSF) into one event per finding, setting malformed findings aside: when
 * some findings are good, those become events and each bad one becomes its own dead letter holding the finding's
 * original bytes, keyed by message id and position, so a redelivered message yields the same event ids (removed by
 * de-duplication) and the same dead-letter ids. When no finding is good, the message is rejected whole, as before:
 * its dead letter then keeps the envelope too. Thread-safe.
 */
final class SecurityHubFindingsIntake {

    private SecurityHubFindingsIntake() {
    }

    static IntakeResult accept(RawInput input, JsonNode envelope, FindingNormalizer normalizer, IntakeLimits limits,
            Instant now) {
        int count = envelope.path("detail").path("findings").size();
        if (count == 0) {
            return new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                    "field 'detail.findings' holds no findings");
        }
        List<NormalizedEvent> events = new ArrayList<>(count);
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                NormalizedEvent event = normalizer.normalizeFinding(envelope, i, input.origin(), now);
                String tooLate = limits.futureTimeProblem(event, now);
                if (tooLate == null) {
                    events.add(event);
                } else {
                    failures.add(new Failure(i, DeadLetterReason.FUTURE_TIMESTAMP, tooLate));
                }
            } catch (InvalidShapeException e) {
                failures.add(new Failure(i, DeadLetterReason.INVALID_SHAPE, e.getMessage()));
            }
        }
        if (failures.isEmpty()) {
            return new IntakeResult.Accepted(events);
        }
        if (events.isEmpty()) {
            Failure first = failures.get(0);
            return new IntakeResult.Rejected(first.reason(), first.detail());
        }
        List<byte[]> originals = FindingSlices.of(input.body());
        List<DeadLetter> deadLetters = new ArrayList<>(failures.size());
        for (Failure failure : failures) {
            String position = "detail.findings[" + failure.index() + "]";
            RawInput finding = new RawInput(originals.get(failure.index()), input.origin(),
                    input.sourceMessageId() + "#" + position, input.receivedAt());
            deadLetters.add(DeadLetters.of(finding, failure.reason(), "finding " + position + " of " + count
                    + " set aside, the others were published: " + failure.detail(), now));
        }
        return new IntakeResult.Accepted(events, deadLetters);
    }

    /** Why the finding at {@code index} could not become an event. */
    private record Failure(int index, DeadLetterReason reason, String detail) {
    }
}
