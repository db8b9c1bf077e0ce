package io.vigil.rules.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import io.vigil.rules.TestEvents;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EventBridge patterns through event-ruler, on the EventBridge envelope of the stop-logging sample. */
class EventBridgeRuleDialectTest {

    private final EventBridgeRuleDialect dialect = new EventBridgeRuleDialect(20);
    private final NormalizedEvent stopLogging = TestEvents.sample(TestEvents.STOP_LOGGING);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~', quoteCharacter = '`', textBlock = """
            {"source":["aws.cloudtrail"],"detail":{"eventName":["StopLogging"]}} ~ true
            {"source":["aws.cloudtrail"],"detail":{"eventName":["StartLogging"]}} ~ false
            {"detail":{"eventName":[{"prefix":"Stop"}]}} ~ true
            {"detail":{"eventName":[{"suffix":"Logging"}]}} ~ true
            {"detail":{"eventName":[{"suffix":"Trail"}]}} ~ false
            {"detail":{"eventName":[{"wildcard":"S*p*ing"}]}} ~ true
            {"detail":{"eventName":[{"equals-ignore-case":"stoplogging"}]}} ~ true
            {"detail":{"eventName":[{"anything-but":["StartLogging","CreateTrail"]}]}} ~ true
            {"detail":{"eventName":[{"anything-but":{"prefix":"Stop"}}]}} ~ false
            {"detail":{"sourceIPAddress":[{"cidr":"203.0.113.0/24"}]}} ~ true
            {"detail":{"sourceIPAddress":[{"cidr":"198.51.100.0/24"}]}} ~ false
            {"detail":{"errorCode":[{"exists":false}]}} ~ true
            {"detail":{"errorCode":[{"exists":true}]}} ~ false
            {"detail":{"eventVersion":[{"numeric":[">=",1.05,"<",2]}]}} ~ false
            {"detail":{"readOnly":[false]}} ~ true
            {"detail":{"responseElements":[null]}} ~ true
            {"$or":[{"detail":{"eventName":["CreateTrail"]}},{"detail":{"userIdentity":{"userName":["alice"]}}}]} ~ true
            {"detail":{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":["false"]}}}}} ~ false
            """)
    void everyEventRulerOperatorMatchesTheEnvelope(String pattern, boolean expected) {
        // Given
        RuleMatcher matcher = dialect.compile(rule(pattern));

        // When
        boolean matched = matcher.matches(stopLogging);

        // Then
        assertThat(matched).isEqualTo(expected);
    }

    @Test
    void numericMatchingComparesNumbers() {
        // Given: eventVersion is the string "1.09" in CloudTrail, so numeric never matches it; a number does
        RuleMatcher matcher = dialect.compile(rule("{\"detail\":{\"eventVersion\":[{\"numeric\":[\">\",1]}]}}"));
        RuleMatcher exact = dialect.compile(rule("{\"detail\":{\"eventVersion\":[\"1.09\"]}}"));

        // When
        boolean numeric = matcher.matches(stopLogging);

        // Then
        assertThat(numeric).isFalse();
        assertThat(exact.matches(stopLogging)).isTrue();
    }

    @Test
    void aLogFileRecordIsSeenInsideASyntheticEnvelope() {
        // Given: the same record as delivered in a CloudTrail log file, without the EventBridge envelope
        NormalizedEvent fromLogFile = withRaw(stopLogging, stopLogging.raw().get("detail"));
        RuleMatcher matcher = dialect.compile(rule("{\"source\":[\"aws.cloudtrail\"],\"detail-type\":"
                + "[\"AWS API Call via CloudTrail\"],\"account\":[\"111122223333\"],\"detail\":{\"eventName\":"
                + "[\"StopLogging\"]}}"));

        // When
        boolean matched = matcher.matches(fromLogFile);

        // Then
        assertThat(matched).isTrue();
    }

    @Test
    void aPathologicalWildcardPatternIsRejectedByTheComplexityGuard() {
        // Given: ten multi-wildcard alternatives on one field (event-ruler complexity 40)
        String pattern = "{\"a\":[{\"wildcard\":\"*a*b*\"},{\"wildcard\":\"*b*c*\"},{\"wildcard\":\"*c*d*\"},"
                + "{\"wildcard\":\"*d*e*\"},{\"wildcard\":\"*e*f*\"},{\"wildcard\":\"*f*g*\"},{\"wildcard\":\"*g*h*\"},"
                + "{\"wildcard\":\"*h*i*\"},{\"wildcard\":\"*i*j*\"},{\"wildcard\":\"*j*k*\"}]}";

        // When
        Throwable thrown = catchThrowable(() -> dialect.compile(rule(pattern)));

        // Then
        assertThat(thrown).isInstanceOf(RuleCompileException.class).hasMessage("EventBridge pattern too complex: "
                + "event-ruler complexity 20 reaches the limit 20 (vigil.rules.eventbridge.max-complexity); use fewer "
                + "'*' in wildcard patterns or split the rule");
    }

    @Test
    void aComplexButBoundedPatternLoadsAndIsDecidedByTheAutomatonAlone() {
        // Given: one wildcard with sixteen '*' (event-ruler complexity 18)
        String pattern = "{\"a\":[{\"wildcard\":\"*a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*\"}]}";

        // When
        RuleMatcher matcher = dialect.compile(rule(pattern));

        // Then
        assertThat(matcher.prefilter().patterns()).containsExactly(pattern);
        assertThat(matcher.prefilter().sufficient()).isTrue();
    }

    @Test
    void anInvalidPatternIsRejectedWithEventRulersReason() {
        // Given
        String pattern = "{\"detail\":{\"eventName\":[{\"prefix\":5}]}}";

        // When
        Throwable thrown = catchThrowable(() -> dialect.compile(rule(pattern)));

        // Then
        assertThat(thrown).isInstanceOf(RuleCompileException.class)
                .hasMessageStartingWith("invalid EventBridge pattern: ")
                .hasMessageContaining("prefix match pattern must be a string");
    }

    private static Rule rule(String body) {
        return new Rule("eb-test", "test", null, Severity.HIGH, true, EventBridgeRuleDialect.NAME, body, List.of(),
                List.of(), null);
    }

    private static NormalizedEvent withRaw(NormalizedEvent e, com.fasterxml.jackson.databind.JsonNode raw) {
        return new NormalizedEvent(e.schemaVersion(), e.id(), e.producedAt(), e.sourceKind(), e.sourceEventId(),
                e.eventClass(), e.time(), e.accountId(), e.region(), e.actor(), e.action(), e.sourceIp(), e.userAgent(),
                e.resources(), e.severity(), e.origin(), raw);
    }
}
