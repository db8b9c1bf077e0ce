package io.vigil.rules.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import io.vigil.rules.TestEvents;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.engine.RuleEngine;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.testing.TestInputs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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

    /** A RunInstances call from an IPv6 address, with number, boolean, null and empty-string fields. */
    private static final String RUN_INSTANCES = """
            {"version":"0","id":"eb-ops-1","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2",
             "account":"111122223333","time":"2026-11-23T08:15:30Z","region":"eu-west-1","resources":[],
             "detail":{"eventVersion":"1.09","eventSource":"ec2.amazonaws.com","eventName":"RunInstances",
              "awsRegion":"eu-west-1","sourceIPAddress":"2001:db8::7","userAgent":"",
              "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Deploy/ci"},
              "requestParameters":{"instanceType":"p5.48xlarge","minCount":1,"maxCount":12,"disableApiTermination":true},
              "responseElements":null,"readOnly":false,"eventID":"eb-ops-record-1","recipientAccountId":"111122223333"}}
            """;

    /**
     * Every operator of event-ruler 2.1.0, decided the same by the rule alone and by the engine, whose shared
     * automaton decides EventBridge rules alone (the flat name/value form), for the event as an EventBridge envelope
     * and as a CloudTrail log-file record.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    {"source":["aws.ec2"],"detail":{"eventName":["RunInstances"]}} ~ true
                    {"detail":{"eventName":["runinstances"]}} ~ false
                    {"detail":{"eventName":[{"prefix":"Run"}]}} ~ true
                    {"detail":{"eventName":[{"prefix":{"equals-ignore-case":"rUN"}}]}} ~ true
                    {"detail":{"eventName":[{"prefix":{"equals-ignore-case":"stop"}}]}} ~ false
                    {"detail":{"eventName":[{"suffix":"Instances"}]}} ~ true
                    {"detail":{"eventName":[{"suffix":{"equals-ignore-case":"INSTANCES"}}]}} ~ true
                    {"detail":{"eventName":[{"suffix":{"equals-ignore-case":"volumes"}}]}} ~ false
                    {"detail":{"eventName":[{"equals-ignore-case":"RUNINSTANCES"}]}} ~ true
                    {"detail":{"requestParameters":{"instanceType":[{"wildcard":"p*.*xlarge"}]}}} ~ true
                    {"detail":{"requestParameters":{"instanceType":[{"wildcard":"t*.*"}]}}} ~ false
                    {"detail":{"eventName":[{"anything-but":"StopInstances"}]}} ~ true
                    {"detail":{"eventName":[{"anything-but":["RunInstances","StopInstances"]}]}} ~ false
                    {"detail":{"eventName":[{"anything-but":{"prefix":"Run"}}]}} ~ false
                    {"detail":{"eventName":[{"anything-but":{"suffix":"Volumes"}}]}} ~ true
                    {"detail":{"eventName":[{"anything-but":{"suffix":"Instances"}}]}} ~ false
                    {"detail":{"eventName":[{"anything-but":{"equals-ignore-case":["runinstances"]}}]}} ~ false
                    {"detail":{"eventName":[{"anything-but":{"equals-ignore-case":["stopinstances"]}}]}} ~ true
                    {"detail":{"eventName":[{"anything-but":{"wildcard":"Run*"}}]}} ~ false
                    {"detail":{"eventName":[{"anything-but":{"wildcard":"Stop*"}}]}} ~ true
                    {"detail":{"requestParameters":{"maxCount":[{"anything-but":[1,2,3]}]}}} ~ true
                    {"detail":{"requestParameters":{"maxCount":[{"anything-but":[12]}]}}} ~ false
                    {"detail":{"requestParameters":{"maxCount":[12]}}} ~ true
                    {"detail":{"requestParameters":{"maxCount":[{"numeric":["=",12]}]}}} ~ true
                    {"detail":{"requestParameters":{"maxCount":[{"numeric":[">",10,"<=",20]}]}}} ~ true
                    {"detail":{"requestParameters":{"maxCount":[{"numeric":[">=",13]}]}}} ~ false
                    {"detail":{"requestParameters":{"minCount":[{"numeric":["<",2]}]}}} ~ true
                    {"detail":{"sourceIPAddress":[{"cidr":"2001:db8::/32"}]}} ~ true
                    {"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/8"}]}} ~ false
                    {"detail":{"requestParameters":{"instanceType":[{"exists":true}]}}} ~ true
                    {"detail":{"errorCode":[{"exists":true}]}} ~ false
                    {"detail":{"errorCode":[{"exists":false}]}} ~ true
                    {"detail":{"requestParameters":{"disableApiTermination":[true]}}} ~ true
                    {"detail":{"readOnly":[true]}} ~ false
                    {"detail":{"responseElements":[null]}} ~ true
                    {"detail":{"userAgent":[""]}} ~ true
                    {"account":["111122223333"],"region":["eu-west-1"],"detail-type":["AWS API Call via CloudTrail"]} ~ true
                    {"$or":[{"detail":{"eventName":["StopInstances"]}},{"detail":{"requestParameters":{"maxCount":[{"numeric":[">",10]}]}}}]} ~ true
                    {"$or":[{"detail":{"eventName":["StopInstances"]}},{"region":["us-east-1"]}]} ~ false
                    """)
    void everyEventRulerOperatorDecidesTheSameAloneAndInTheEnginesSharedAutomaton(String pattern, boolean expected) {
        // Given
        Rule rule = rule(pattern);
        RuleMatcher alone = dialect.compile(rule);
        RuleEngine engine = RuleEngine.compile(List.of(new RulePack("operators", "operators.yaml", List.of(rule))),
                Map.of(EventBridgeRuleDialect.NAME, dialect));
        JsonNode envelope = json(RUN_INSTANCES);
        NormalizedEvent fromEventBridge = TestInputs.normalize(
                new RuleTest("envelope", TestInput.EVENTBRIDGE, envelope, expected, null));
        NormalizedEvent fromLogFile = TestInputs.normalize(
                new RuleTest("record", TestInput.CLOUDTRAIL, envelope.get("detail"), expected, null));

        // When
        List<String> fired = engine.evaluate(fromEventBridge).matched().stream().map(Rule::id).toList();

        // Then
        List<String> expectedIds = expected ? List.of(rule.id()) : List.of();
        assertThat(fired).isEqualTo(expectedIds);
        assertThat(engine.sufficientCount()).isEqualTo(1);
        assertThat(alone.matches(EventDocument.of(fromEventBridge))).isEqualTo(expected);
        assertThat(engine.evaluate(fromLogFile).matched().stream().map(Rule::id).toList()).isEqualTo(expectedIds);
        assertThat(alone.matches(EventDocument.of(fromLogFile))).isEqualTo(expected);
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

    private static JsonNode json(String text) {
        try {
            return ContractJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
