package io.vigil.audit.verifier;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants in the hashed documents: UTC, always six fractional digits, e.g. {@code 2026-11-23T09:00:01.250000Z}.
 * Microseconds because PostgreSQL {@code timestamptz} keeps no more, so a stored instant reads back equal.
 */
public final class CanonicalTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CanonicalTime() {
    }

    /** @return the instant cut to whole microseconds, as the store keeps it */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** @return the canonical text of the instant; null for null */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(truncate(instant));
    }

    /** @return the instant of a canonical (or any ISO-8601) text; null for null */
    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
