package io.vigil.audit.api;

import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.EvidenceQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Validates the API's raw parameters: each malformed value is answered with 400 and a message naming the parameter
 * (JAX-RS would answer a failed query-parameter conversion with 404).
 */
final class EvidenceParameters {

    static final String INVALID_PARAMETER = "invalid-parameter";
    static final String UNKNOWN_KIND = "unknown-kind";
    static final int MAX_TEXT_LENGTH = 2048;
    static final int MAX_ID_LENGTH = 512;

    private EvidenceParameters() {
    }

    static EvidenceQuery query(EvidenceSearch search, int defaultPageSize, int maxPageSize) {
        EvidenceKind kind = isAbsent(search.kind) ? null : kind(search.kind);
        TimeRange range = range(search.since, search.until);
        int limit = isAbsent(search.limit)
                ? defaultPageSize
                : number("limit", search.limit, 1, maxPageSize).intValue();
        Long after = isAbsent(search.after) ? null : number("after", search.after, 1, Long.MAX_VALUE);
        return new EvidenceQuery(kind, text("key", search.key), text("account", search.account),
                text("region", search.region), text("control", search.control), text("rule", search.rule),
                text("actor", search.actor), text("eventName", search.eventName), range.since(), range.until(),
                limit, after);
    }

    /** @return the validated range; either end may be null */
    static TimeRange range(String since, String until) {
        Instant parsedSince = isAbsent(since) ? null : instant("since", since);
        Instant parsedUntil = isAbsent(until) ? null : instant("until", until);
        if (parsedSince != null && parsedUntil != null && !parsedSince.isBefore(parsedUntil)) {
            throw ProblemException.badRequest(INVALID_PARAMETER,
                    "since (" + since + ") must be before until (" + until + ")");
        }
        return new TimeRange(parsedSince, parsedUntil);
    }

    static EvidenceKind kind(String kind) {
        return EvidenceKind.fromWireName(kind).orElseThrow(() -> ProblemException.badRequest(UNKNOWN_KIND,
                "Unknown evidence kind '" + abbreviate(kind) + "'; known kinds: "
                        + String.join(", ", EvidenceKind.wireNames())));
    }

    static String id(String id) {
        return bounded("id", id, MAX_ID_LENGTH);
    }

    /** @return the optional text parameter, bounded; null when absent */
    static String text(String name, String value) {
        return isAbsent(value) ? null : bounded(name, value, MAX_TEXT_LENGTH);
    }

    static Long number(String name, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(INVALID_PARAMETER,
                    name + " must be an integer, was '" + abbreviate(value) + "'");
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.badRequest(INVALID_PARAMETER,
                    name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }

    static boolean isAbsent(String value) {
        return value == null || value.isEmpty();
    }

    private static String bounded(String name, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw ProblemException.badRequest(INVALID_PARAMETER,
                    name + " must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(INVALID_PARAMETER,
                    name + " must be an ISO-8601 instant such as 2026-01-31T23:59:59Z, was '" + abbreviate(value)
                            + "'");
        }
    }

    /** Echoes at most 64 characters of caller input back. */
    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }

    /**
     * A validated time range.
     *
     * @param since inclusive start; nullable
     * @param until exclusive end; nullable
     */
    record TimeRange(Instant since, Instant until) {
    }
}
