package io.vigil.ingest.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.ingest.classify.Classification;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.normalize.CloudTrailNormalizer;
import io.vigil.ingest.normalize.GenericEventNormalizer;
import io.vigil.ingest.normalize.InvalidShapeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Checks one piece of input against the limits, parses it, recognizes it and normalizes it. Never throws for bad
 * input: every rejection is a {@link IntakeResult.Rejected} with a reason code. Thread-safe.
 */
@ApplicationScoped
public class Intake {

    private static final Logger LOGGER = Logger.getLogger(Intake.class);

    private final long maxMessageBytes;
    private final Duration maxClockSkew;
    private final boolean passGenericEvents;
    private final ObjectMapper parser;
    private final Clock clock;
    private final SourceClassifier classifier;
    private final CloudTrailNormalizer cloudTrail;
    private final GenericEventNormalizer generic;

    @Inject
    public Intake(IntakeConfig config, Clock clock, SourceClassifier classifier, CloudTrailNormalizer cloudTrail,
            GenericEventNormalizer generic) {
        this(config.maxMessageSize().asLongValue(), config.maxNestingDepth(), config.maxClockSkew(),
                config.passGenericEvents(), clock, classifier, cloudTrail, generic);
    }

    Intake(long maxMessageBytes, int maxNestingDepth, Duration maxClockSkew, boolean passGenericEvents, Clock clock,
            SourceClassifier classifier, CloudTrailNormalizer cloudTrail, GenericEventNormalizer generic) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxClockSkew = maxClockSkew;
        this.passGenericEvents = passGenericEvents;
        this.clock = clock;
        this.classifier = classifier;
        this.cloudTrail = cloudTrail;
        this.generic = generic;
        // the nesting limit is enforced while parsing, before a deep document costs memory
        this.parser = ContractJson.mapper(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build());
    }

    /** @return what to publish for {@code input}; never null */
    public IntakeResult accept(RawInput input) {
        if (input.body().length > maxMessageBytes) {
            return reject(DeadLetterReason.TOO_LARGE, "input is " + input.body().length + " bytes, the limit is "
                    + maxMessageBytes + " bytes (vigil.ingest.intake.max-message-size)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input.body()))
                    .toString();
        } catch (CharacterCodingException e) {
            return reject(DeadLetterReason.INVALID_UTF8, "input is not valid UTF-8: " + e.getMessage());
        }
        JsonNode document;
        try {
            document = parse(text);
        } catch (StreamConstraintsException e) {
            return reject(DeadLetterReason.TOO_DEEP, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return reject(DeadLetterReason.INVALID_JSON, e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            return reject(DeadLetterReason.INVALID_JSON, e.getMessage());
        }
        Classification classification = classifier.classify(document);
        try {
            List<NormalizedEvent> events = switch (classification.kind()) {
                case CLOUDTRAIL_EVENT -> List.of(cloudTrail.normalize(classification.envelope(),
                        classification.record(), input.origin(), document, clock.instant()));
                case EVENTBRIDGE_EVENT -> passGenericEvents
                        ? List.of(generic.normalize(document, input.origin(), clock.instant()))
                        : List.of();
                case UNRECOGNIZED -> List.of();
            };
            if (events.isEmpty()) {
                return reject(DeadLetterReason.UNSUPPORTED_SOURCE, unsupported(classification, document));
            }
            return checkTimes(events);
        } catch (InvalidShapeException e) {
            return reject(DeadLetterReason.INVALID_SHAPE, e.getMessage());
        } catch (RuntimeException e) {
            // a defect, not bad input: keep the input and say so loudly, with the stack trace
            LOGGER.errorf(e, "Normalizing a %s document failed", classification.kind());
            return reject(DeadLetterReason.PROCESSING_FAILED, "normalizing failed: " + e);
        }
    }

    private JsonNode parse(String text) throws IOException {
        try (JsonParser json = parser.createParser(text)) {
            JsonNode document = parser.readTree(json);
            if (document == null || document.isMissingNode()) {
                throw new JsonParseException(json, "no JSON content");
            }
            if (json.nextToken() != null) {
                throw new JsonParseException(json, "trailing content after the JSON value");
            }
            return document;
        }
    }

    private IntakeResult checkTimes(List<NormalizedEvent> events) {
        Instant latest = clock.instant().plus(maxClockSkew);
        for (NormalizedEvent event : events) {
            if (event.time() != null && event.time().isAfter(latest)) {
                return reject(DeadLetterReason.FUTURE_TIMESTAMP, "event " + event.sourceEventId() + " has time "
                        + event.time() + ", more than " + maxClockSkew + " ahead of now"
                        + " (vigil.ingest.intake.max-clock-skew)");
            }
        }
        return new IntakeResult.Accepted(events);
    }

    private String unsupported(Classification classification, JsonNode document) {
        return switch (classification.kind()) {
            case EVENTBRIDGE_EVENT -> "EventBridge events of source '" + document.path("source").asText()
                    + "' are not normalized and generic events are rejected (vigil.ingest.intake.pass-generic-events)";
            default -> "not a recognized document: expected an EventBridge event (fields id, source, detail-type,"
                    + " detail), got a JSON " + document.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static IntakeResult reject(DeadLetterReason reason, String detail) {
        return new IntakeResult.Rejected(reason, detail);
    }
}
