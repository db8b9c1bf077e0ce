package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Reads the time formats AWS security sources emit. CloudTrail, GuardDuty, Security Hub and Config use ISO-8601;
 * Inspector2's EventBridge findings use a US display format ({@code Mar 22, 2023, 1:56:44 PM}, UTC, sometimes with a
 * narrow no-break space before AM/PM) and some exports use epoch seconds or milliseconds; OCSF uses epoch
 * milliseconds.
 */
public final class AwsTimestamps {

    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("MMM d, yyyy, h:mm:ss a").toFormatter(Locale.US),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("MMM d, yyyy h:mm:ss a").toFormatter(Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]", Locale.US),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    /** Epoch values below this are seconds, above it milliseconds (10^11 s is the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private AwsTimestamps() {
    }

    /**
     * @param value a JSON string or number
     * @param path the field's path, for the error message
     * @return the instant, in UTC where the value carries no offset
     * @throws InvalidShapeException when the value is in none of the accepted formats
     */
    public static Instant parse(JsonNode value, String path) {
        if (value.isNumber()) {
            return epoch(value.asLong());
        }
        if (!value.isTextual()) {
            throw new InvalidShapeException("field '" + path + "' must be a time, was " + value.getNodeType());
        }
        // newer JDKs and AWS consoles write U+202F (narrow no-break space) before AM/PM
        String text = value.asText().trim().replace('\u202f', ' ').replace('\u00a0', ' ');
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
            return epoch(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // try the formats without an offset
        }
        for (DateTimeFormatter format : LOCAL_FORMATS) {
            try {
                return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        throw new InvalidShapeException("field '" + path + "' is not a time in an accepted format (ISO-8601,"
                + " 'MMM d, yyyy, h:mm:ss a', epoch seconds or milliseconds): '" + value.asText() + "'");
    }

    private static Instant epoch(long value) {
        return value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
