package io.vigil.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.ingest.dlq.DeadLetters;
import io.vigil.ingest.normalize.CloudTrailDigestNormalizer;
import io.vigil.ingest.normalize.CloudTrailNormalizer;
import io.vigil.ingest.normalize.ConfigItemChangeNormalizer;
import io.vigil.ingest.normalize.InvalidShapeException;
import io.vigil.ingest.s3.CorruptObjectException;
import io.vigil.ingest.s3.LogObjectKind;
import io.vigil.ingest.s3.ObjectTooLargeException;
import io.vigil.ingest.s3.S3Notifications;
import io.vigil.ingest.s3.S3ObjectReader;
import io.vigil.ingest.s3.S3ObjectRef;
import io.vigil.ingest.s3.TransientSourceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Handles an S3 object-created notification: reads each CloudTrail log file it names, gunzipped, and makes one
 * event per entry of {@code Records[]} (raw = the record itself, origin = {@code s3://bucket/key}); a digest file
 * becomes one {@code aws.cloudtrail.digest} event for audit. A malformed record becomes its own dead letter and the
 * other records still become events. S3 failures ask for a retry. Also reads the full item of an oversized Config
 * item change notification. Thread-safe.
 */
@ApplicationScoped
public class S3ObjectIntake {

    /** The caveat code of an oversized Config item's event made from its summary. */
    public static final String SUMMARY_ONLY = "config-item-summary-only";

    private static final Logger LOGGER = Logger.getLogger(S3ObjectIntake.class);

    private final S3ObjectReader reader;
    private final CloudTrailNormalizer cloudTrail;
    private final CloudTrailDigestNormalizer digests;
    private final ConfigItemChangeNormalizer configItems;
    private final Clock clock;

    public S3ObjectIntake(S3ObjectReader reader, CloudTrailNormalizer cloudTrail, CloudTrailDigestNormalizer digests,
            ConfigItemChangeNormalizer configItems, Clock clock) {
        this.reader = reader;
        this.cloudTrail = cloudTrail;
        this.digests = digests;
        this.configItems = configItems;
        this.clock = clock;
    }

    /**
     * Makes the event of an oversized Config item change from the full item Config wrote to S3. When it cannot be
     * used (S3 unreadable, too large, not the item the summary describes), the event is made from the summary and
     * carries the caveat {@value #SUMMARY_ONLY}, so nothing waits on S3 and consumers know what they got.
     *
     * @throws InvalidShapeException when the notification itself is malformed
     */
    NormalizedEvent oversizedConfigItem(RawInput input, JsonNode envelope, JsonDocuments json) {
        Instant now = clock.instant();
        NormalizedEvent summary = configItems.normalize(envelope, input.origin(), now);
        String location = ConfigItemChangeNormalizer.fullItemLocation(envelope);
        int slash = location == null ? -1 : location.indexOf('/');
        if (slash <= 0 || slash == location.length() - 1) {
            return summaryOnly(envelope, input, now, "field 'detail.s3DeliverySummary.s3BucketLocation' names no"
                    + " S3 object: '" + location + "'");
        }
        S3ObjectRef object = new S3ObjectRef(location.substring(0, slash), location.substring(slash + 1));
        byte[] content;
        try {
            content = reader.read(object);
        } catch (TransientSourceException | ObjectTooLargeException | CorruptObjectException e) {
            return summaryOnly(envelope, input, now, e.getMessage());
        }
        JsonDocuments.Parsed parsed = json.parse(content);
        if (parsed.rejection() != null) {
            return summaryOnly(envelope, input, now, object.location() + ": " + parsed.rejection().reason() + ": "
                    + parsed.rejection().detail());
        }
        NormalizedEvent full;
        try {
            full = configItems.normalizeFullItem(envelope, parsed.document(),
                    new Origin("s3", object.location(), input.sourceMessageId()), now);
        } catch (InvalidShapeException e) {
            return summaryOnly(envelope, input, now, object.location() + ": " + e.getMessage());
        }
        if (!full.id().equals(summary.id())) {
            return summaryOnly(envelope, input, now, object.location() + " holds " + full.sourceEventId()
                    + ", not the item the notification summarizes (" + summary.sourceEventId() + ")");
        }
        return full;
    }

    private NormalizedEvent summaryOnly(JsonNode envelope, RawInput input, Instant now, String why) {
        LOGGER.warnf("Oversized Config item of message %s made from its summary: %s", input.sourceMessageId(), why);
        return configItems.normalizeSummary(envelope, input.origin(), now, SUMMARY_ONLY + ": " + why);
    }

    IntakeResult accept(RawInput input, JsonNode notification, JsonDocuments json, IntakeLimits limits) {
        List<S3ObjectRef> objects = S3Notifications.createdObjects(notification);
        if (objects.isEmpty()) {
            return new IntakeResult.Rejected(DeadLetterReason.UNSUPPORTED_SOURCE,
                    "S3 notification names no created object (only ObjectCreated events are read)");
        }
        for (S3ObjectRef object : objects) {
            if (object.kind() == LogObjectKind.OTHER) {
                return new IntakeResult.Rejected(DeadLetterReason.UNSUPPORTED_SOURCE, "object " + object.location()
                        + " is neither a CloudTrail log file (AWSLogs/<account>/CloudTrail/...) nor a digest file"
                        + " (AWSLogs/<account>/CloudTrail-Digest/...)");
            }
        }
        List<NormalizedEvent> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (S3ObjectRef object : objects) {
            byte[] content;
            try {
                content = reader.read(object);
            } catch (TransientSourceException e) {
                return new IntakeResult.Retry(e.getMessage());
            } catch (ObjectTooLargeException e) {
                return new IntakeResult.Rejected(DeadLetterReason.TOO_LARGE, e.getMessage());
            } catch (CorruptObjectException e) {
                return new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE, e.getMessage());
            }
            JsonDocuments.Parsed parsed = json.parse(content);
            if (parsed.rejection() != null) {
                return new IntakeResult.Rejected(parsed.rejection().reason(),
                        object.location() + ": " + parsed.rejection().detail());
            }
            Origin origin = new Origin("s3", object.location(), input.sourceMessageId());
            Instant now = clock.instant();
            if (object.kind() == LogObjectKind.DIGEST_FILE) {
                events.add(digests.normalize(parsed.document(), object.bucket(), object.key(), origin, now));
                continue;
            }
            JsonNode records = parsed.document().path("Records");
            if (!records.isArray()) {
                return new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                        object.location() + ": required field 'Records' must be an array");
            }
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                RawInput recordInput = new RawInput(json.bytesOf(record), origin,
                        input.sourceMessageId() + "/" + object.key() + "#" + i, input.receivedAt());
                try {
                    if (!record.isObject()) {
                        throw new InvalidShapeException("record must be an object, was " + record.getNodeType());
                    }
                    NormalizedEvent event = cloudTrail.normalize(null, record, origin, record, now);
                    String tooLate = limits.futureTimeProblem(event, now);
                    if (tooLate != null) {
                        deadLetters.add(DeadLetters.of(recordInput, DeadLetterReason.FUTURE_TIMESTAMP,
                                object.location() + " record " + i + ": " + tooLate, now));
                    } else {
                        events.add(event);
                    }
                } catch (InvalidShapeException e) {
                    deadLetters.add(DeadLetters.of(recordInput, DeadLetterReason.INVALID_SHAPE,
                            object.location() + " record " + i + ": " + e.getMessage(), now));
                }
            }
        }
        return new IntakeResult.Accepted(events, deadLetters);
    }
}
