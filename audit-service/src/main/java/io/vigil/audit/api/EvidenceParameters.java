package io.vigil.audit.api;

import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.EvidenceQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Validates the evidence API's raw parameters. They arrive as strings so that every malformed value is answered
 * with 400 and a message naming the parameter (JAX-RS would answer a failed query-parameter conversion with 404).
 */
final class EvidenceParameters {

    static final String INVALID_PARAMETER = "invalid-parameter";
    static final String UNKNOWN_KIND = "unknown-kind";
    static final int MAX_KEY_LENGTH = 2048;
    static final int MAX_ID_LENGTH = 512;

    private EvidenceParameters() {
    }

    static EvidenceQuery query(String kind, String key, String since, String until, String limit, String after,
            int defaultPageSize, int maxPageSize) {
        EvidenceKind parsedKind = isAbsent(kind) ? null : kind(kind);
        String parsedKey = isAbsent(key) ? null : bounded("key", key, MAX_KEY_LENGTH);
        Instant parsedSince = isAbsent(since) ? null : instant("since", since);
        Instant parsedUntil = isAbsent(until) ? null : instant("until", until);
        if (parsedSince != null && parsedUntil != null && !parsedSince.isBefore(parsedUntil)) {
            throw ProblemException.badRequest(INVALID_PARAMETER,
                    "since (" + since + ") must be before until (" + until + ")");
        }
        int parsedLimit = isAbsent(limit) ? defaultPageSize : number("limit", limit, 1, maxPageSize).intValue();
        Long parsedAfter = isAbsent(after) ? null : number("after", after, 1, Long.MAX_VALUE);
        return new EvidenceQuery(parsedKind, parsedKey, parsedSince, parsedUntil, parsedLimit, parsedAfter);
    }

    static EvidenceKind kind(String kind) {
        return EvidenceKind.fromWireName(kind).orElseThrow(() -> ProblemException.badRequest(UNKNOWN_KIND,
                "Unknown evidence kind '" + abbreviate(kind) + "'; known kinds: "
                        + String.join(", ", EvidenceKind.wireNames())));
    }

    static String id(String id) {
        return bounded("id", id, MAX_ID_LENGTH);
    }

    private static boolean isAbsent(String value) {
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

    private static Long number(String name, String value, long min, long max) {
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

    /** Echoes at most 64 characters of caller input back. */
    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
