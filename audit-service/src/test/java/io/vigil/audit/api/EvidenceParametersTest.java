package io.vigil.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.EvidenceQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvidenceParametersTest {

    private static EvidenceSearch search(String kind, String key, String since, String until, String limit,
            String after) {
        EvidenceSearch search = new EvidenceSearch();
        search.kind = kind;
        search.key = key;
        search.since = since;
        search.until = until;
        search.limit = limit;
        search.after = after;
        return search;
    }

    private static Problem problemOf(Runnable call) {
        return catchThrowableOfType(ProblemException.class, call::run).problem();
    }

    @Test
    void absentParametersGiveTheFirstPageOfEverythingAtTheDefaultSize() {
        // When
        EvidenceQuery query = EvidenceParameters.query(search(null, null, null, null, null, null), 100, 1000);

        // Then
        assertThat(query).isEqualTo(new EvidenceQuery(null, null, null, null, null, null, null, null, null, null, 100,
                null));
    }

    @Test
    void everyParameterIsParsed() {
        // When
        EvidenceQuery query = EvidenceParameters.query(search("rule_change", "rule-7", "2026-11-01T00:00:00Z",
                "2026-12-01T00:00:00Z", "25", "9001"), 100, 1000);

        // Then
        assertThat(query).isEqualTo(new EvidenceQuery(EvidenceKind.RULE_CHANGE, "rule-7", null, null, null, null,
                null, null, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), 25, 9001L));
    }

    @Test
    void limitThatIsNotANumberIsABadRequest() {
        // When
        Problem problem = problemOf(
                () -> EvidenceParameters.query(search(null, null, null, null, "ten", null), 100, 1000));

        // Then
        assertThat(problem).isEqualTo(new Problem(400, "invalid-parameter", "limit must be an integer, was 'ten'"));
    }

    @Test
    void zeroLimitIsABadRequest() {
        // When
        Problem problem = problemOf(
                () -> EvidenceParameters.query(search(null, null, null, null, "0", null), 100, 1000));

        // Then
        assertThat(problem).isEqualTo(new Problem(400, "invalid-parameter",
                "limit must be between 1 and 1000, was 0"));
    }

    @Test
    void negativeCursorIsABadRequest() {
        // When
        Problem problem = problemOf(
                () -> EvidenceParameters.query(search(null, null, null, null, null, "-1"), 100, 1000));

        // Then
        assertThat(problem).isEqualTo(new Problem(400, "invalid-parameter",
                "after must be between 1 and " + Long.MAX_VALUE + ", was -1"));
    }

    @Test
    void sinceNotBeforeUntilIsABadRequest() {
        // When
        Problem problem = problemOf(() -> EvidenceParameters.query(search(null, null, "2026-12-01T00:00:00Z",
                "2026-11-01T00:00:00Z", null, null), 100, 1000));

        // Then
        assertThat(problem).isEqualTo(new Problem(400, "invalid-parameter",
                "since (2026-12-01T00:00:00Z) must be before until (2026-11-01T00:00:00Z)"));
    }

    @Test
    void everySearchFilterIsPassedOn() {
        // Given
        EvidenceSearch search = search(null, null, null, null, null, null);
        search.account = "123456789012";
        search.region = "eu-west-1";
        search.control = "CIS-3.5";
        search.rule = "cis-3.5";
        search.actor = "arn:aws:iam::123456789012:user/mallory";
        search.eventName = "StopLogging";

        // When
        EvidenceQuery query = EvidenceParameters.query(search, 100, 1000);

        // Then
        assertThat(query).isEqualTo(new EvidenceQuery(null, null, "123456789012", "eu-west-1", "CIS-3.5", "cis-3.5",
                "arn:aws:iam::123456789012:user/mallory", "StopLogging", null, null, 100, null));
    }

    @Test
    void overlongFilterIsABadRequest() {
        // Given
        EvidenceSearch search = search(null, null, null, null, null, null);
        search.actor = "a".repeat(2049);

        // When
        Problem problem = problemOf(() -> EvidenceParameters.query(search, 100, 1000));

        // Then
        assertThat(problem).isEqualTo(new Problem(400, "invalid-parameter",
                "actor must be at most 2048 characters, was 2049"));
    }

    @Test
    void unknownKindIsABadRequestListingTheKnownKinds() {
        // When
        Problem problem = problemOf(() -> EvidenceParameters.kind("DELIVERY"));

        // Then
        assertThat(problem).isEqualTo(new Problem(400, "unknown-kind", "Unknown evidence kind 'DELIVERY'; "
                + "known kinds: event, dead_letter, alert, compliance, rule_change, delivery, api_access, "
                + "malformed"));
    }
}
