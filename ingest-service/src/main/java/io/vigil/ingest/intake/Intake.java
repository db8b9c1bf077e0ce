package io.vigil.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.ingest.classify.Classification;
import io.vigil.ingest.classify.DocumentKind;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.normalize.ConfigItemChangeNormalizer;
import io.vigil.ingest.normalize.FindingNormalizer;
import io.vigil.ingest.normalize.InvalidShapeException;
import io.vigil.ingest.normalize.SourceNormalizers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Checks one piece of input against the limits, parses it, recognizes it and normalizes it. Never throws for bad
 * input: every rejection is a {@link IntakeResult.Rejected} with a reason code. Thread-safe.
 */
@ApplicationScoped
public class Intake {

    private static final Logger LOGGER = Logger.getLogger(Intake.class);

    private final IntakeLimits limits;
    private final boolean passGenericEvents;
    private final JsonDocuments json;
    private final Clock clock;
    private final SourceClassifier classifier;
    private final SourceNormalizers normalizers;
    private final S3ObjectIntake s3Objects;

    @Inject
    public Intake(IntakeConfig config, Clock clock, SourceClassifier classifier, SourceNormalizers normalizers,
            S3ObjectIntake s3Objects) {
        this(new IntakeLimits(config.maxMessageSize().asLongValue(), config.maxNestingDepth(),
                config.maxFieldLength(), config.maxFindingsPerMessage(), config.maxClockSkew()),
                config.passGenericEvents(), clock, classifier, normalizers, s3Objects);
    }

    public Intake(IntakeLimits limits, boolean passGenericEvents, Clock clock, SourceClassifier classifier,
            SourceNormalizers normalizers, S3ObjectIntake s3Objects) {
        this.limits = limits;
        this.passGenericEvents = passGenericEvents;
        this.clock = clock;
        this.classifier = classifier;
        this.normalizers = normalizers;
        this.s3Objects = s3Objects;
        this.json = new JsonDocuments(limits.maxNestingDepth(), limits.maxFieldLength());
    }

    /** @return what to publish for {@code input}; never null */
    public IntakeResult accept(RawInput input) {
        if (input.body().length > limits.maxMessageBytes()) {
            return reject(DeadLetterReason.TOO_LARGE, "input is " + input.body().length + " bytes, the limit is "
                    + limits.maxMessageBytes() + " bytes (vigil.ingest.intake.max-message-size)");
        }
        JsonDocuments.Parsed parsed = json.parse(input.body());
        if (parsed.rejection() != null) {
            return parsed.rejection();
        }
        JsonNode document = parsed.document();
        Classification classification = classifier.classify(document);
        try {
            if (classification.kind() == DocumentKind.S3_OBJECT_CREATED) {
                return s3Objects == null
                        ? reject(DeadLetterReason.UNSUPPORTED_SOURCE, "S3 log files are not read by this intake")
                        : s3Objects.accept(input, document, json, limits);
            }
            IntakeResult.Rejected tooMany = checkFindingCount(classification);
            if (tooMany != null) {
                return tooMany;
            }
            if (classification.kind() == DocumentKind.EVENTBRIDGE_EVENT && !passGenericEvents
                    || classification.kind() == DocumentKind.UNRECOGNIZED) {
                return reject(DeadLetterReason.UNSUPPORTED_SOURCE, unsupported(classification, document));
            }
            if (classification.kind() == DocumentKind.CONFIG_ITEM_CHANGE
                    && ConfigItemChangeNormalizer.isOversized(classification.envelope())) {
                return checkTimes(List.of(s3Objects == null
                        ? normalizers.configItem().normalizeSummary(classification.envelope(), input.origin(),
                                clock.instant(), S3ObjectIntake.SUMMARY_ONLY + ": this intake reads no S3 objects")
                        : s3Objects.oversizedConfigItem(input, classification.envelope(), json)));
            }
            FindingNormalizer findings = normalizers.findings(classification.kind());
            if (findings != null) {
                return SecurityHubFindingsIntake.accept(input, classification.envelope(), findings, limits,
                        clock.instant());
            }
            return checkTimes(normalizers.normalize(classification, input.origin(), clock.instant()));
        } catch (InvalidShapeException e) {
            return reject(DeadLetterReason.INVALID_SHAPE, e.getMessage());
        } catch (RuntimeException e) {
            // a defect, not bad input: keep the input and say so loudly, with the stack trace
            LOGGER.errorf(e, "Normalizing a %s document failed", classification.kind());
            return reject(DeadLetterReason.PROCESSING_FAILED, "normalizing failed: " + e);
        }
    }

    private IntakeResult.Rejected checkFindingCount(Classification classification) {
        if (classification.kind() != DocumentKind.SECURITY_HUB_ASFF_FINDINGS
                && classification.kind() != DocumentKind.SECURITY_HUB_OCSF_FINDINGS) {
            return null;
        }
        int findings = classification.envelope().path("detail").path("findings").size();
        if (findings > limits.maxFindingsPerMessage()) {
            return reject(DeadLetterReason.TOO_MANY_ITEMS, "message holds " + findings + " findings, the limit is "
                    + limits.maxFindingsPerMessage() + " (vigil.ingest.intake.max-findings-per-message)");
        }
        return null;
    }

    private IntakeResult checkTimes(List<NormalizedEvent> events) {
        for (NormalizedEvent event : events) {
            String tooLate = limits.futureTimeProblem(event, clock.instant());
            if (tooLate != null) {
                return reject(DeadLetterReason.FUTURE_TIMESTAMP, tooLate);
            }
        }
        return new IntakeResult.Accepted(events);
    }

    private static String unsupported(Classification classification, JsonNode document) {
        return switch (classification.kind()) {
            case EVENTBRIDGE_EVENT -> "EventBridge events of source '" + document.path("source").asText()
                    + "' are not normalized and generic events are rejected (vigil.ingest.intake.pass-generic-events)";
            default -> "not a recognized document: expected an EventBridge event (fields id, source, detail-type,"
                    + " detail) or an S3 event notification, got a JSON "
                    + document.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static IntakeResult.Rejected reject(DeadLetterReason reason, String detail) {
        return new IntakeResult.Rejected(reason, detail);
    }
}
