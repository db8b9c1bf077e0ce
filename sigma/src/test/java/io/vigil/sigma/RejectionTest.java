package io.vigil.sigma;

import static io.vigil.sigma.SigmaTestRules.ruleYaml;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.sigma.SigmaRuleException.Reason;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Rules that cannot be evaluated are rejected whole, with the rule, the location and the feature named. */
class RejectionTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml, Reason reason,
            String location) {
        return assertThatThrownBy(() -> SigmaRuleLoader.load(yaml)).isInstanceOfSatisfying(SigmaRuleException.class,
                e -> {
                    org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason);
                    org.assertj.core.api.Assertions.assertThat(e.location()).isEqualTo(location);
                });
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> detection(String detection, Reason reason,
            String location) {
        return loading(ruleYaml(detection), reason, location)
                .hasMessageStartingWith("Sigma rule 'test rule' (id rule-1) at " + location + ": ");
    }

    @Test
    void unknownModifierIsNamed() {
        detection("selection:\n    eventName|sounds-like: x\ncondition: selection", Reason.UNSUPPORTED_FEATURE,
                "detection.selection.eventName|sounds-like")
                .hasMessageEndingWith("unsupported Sigma feature: unknown modifier 'sounds-like'");
    }

    @Test
    void windowsEncodingModifiersAreRejectedByName() {
        detection("selection:\n    eventName|wide|base64offset|contains: x\ncondition: selection",
                Reason.UNSUPPORTED_FEATURE, "detection.selection.eventName|wide|base64offset|contains")
                .hasMessageEndingWith("unsupported Sigma feature: modifier 'wide'");
        detection("selection:\n    eventName|expand: '%x%'\ncondition: selection", Reason.UNSUPPORTED_FEATURE,
                "detection.selection.eventName|expand").hasMessageContaining("modifier 'expand'");
    }

    @Test
    void conflictingModifiersAreRejected() {
        detection("selection:\n    eventName|contains|startswith: x\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.eventName|contains|startswith")
                .hasMessageEndingWith("modifiers ['contains', 'startswith'] cannot be combined");
        detection("selection:\n    eventName|re|contains: x\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.eventName|re|contains").hasMessageContaining("cannot be combined");
        detection("selection:\n    eventName|i: x\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.eventName|i").hasMessageContaining("need the 're' modifier");
        detection("selection:\n    eventName|neq|all: [a, b]\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.eventName|neq|all")
                .hasMessageEndingWith("modifiers ['all', 'neq'] cannot be combined");
        detection("selection:\n    eventName|contains|contains: x\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.eventName|contains|contains").hasMessageContaining("given twice");
    }

    @Test
    void badModifierValuesAreRejected() {
        detection("selection:\n    eventName|re: 'a(b'\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.eventName|re").hasMessageContaining("invalid regular expression 'a(b'");
        detection("selection:\n    sourceIPAddress|cidr: '10.0.0.0/33'\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.sourceIPAddress|cidr")
                .hasMessageContaining("'10.0.0.0/33' is not an IPv4 or IPv6 CIDR range");
        detection("selection:\n    errorCode|exists: maybe\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.errorCode|exists").hasMessageContaining("'exists' takes true or false");
        detection("selection:\n    requestParameters.fromPort|gt: many\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.requestParameters.fromPort|gt").hasMessageContaining("'gt' takes a number");
        detection("selection:\n    errorCode|contains: null\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.errorCode|contains").hasMessageContaining("null cannot be combined");
        detection("selection:\n    data|base64: 'a*'\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.data|base64").hasMessageContaining("wildcards cannot be base64-encoded");
        detection("selection:\n    eventName:\n        nested: map\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.eventName").hasMessageContaining("not a map");
        detection("selection:\n    userIdentity..type: x\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection.userIdentity..type").hasMessageContaining("is not a dotted path");
    }

    @Test
    void conditionErrorsNameThePositionAndWhatWasExpected() {
        detection("selection:\n    eventName: x\ncondition: selection and (selection or", Reason.INVALID_RULE,
                "detection.condition").hasMessageEndingWith(
                        "expected a selection name, 'not', '1 of', 'all of' or '(' at the end of the condition "
                                + "(position 27)");
        detection("selection:\n    eventName: x\ncondition: (selection", Reason.INVALID_RULE, "detection.condition")
                .hasMessageContaining("')' closing the '(' at position 0");
        detection("selection:\n    eventName: x\ncondition: selection selection", Reason.INVALID_RULE,
                "detection.condition").hasMessageEndingWith(
                        "expected 'and', 'or' or the end of the condition at position 10, found 'selection'");
        detection("selection:\n    eventName: x\ncondition: selection and filter", Reason.INVALID_RULE,
                "detection.condition").hasMessageContaining("unknown selection 'filter' at position 14");
        detection("selection:\n    eventName: x\ncondition: 1 of filter_*", Reason.INVALID_RULE, "detection.condition")
                .hasMessageContaining("'filter_*' at position 5 matches no selection");
        detection("selection:\n    eventName: x\ncondition: 2 of selection*", Reason.UNSUPPORTED_FEATURE,
                "detection.condition").hasMessageContaining("quantifier '2 of'");
        detection("selection:\n    eventName: x\ncondition: selection*", Reason.INVALID_RULE, "detection.condition")
                .hasMessageContaining("needs '1 of' or 'all of'");
        detection("selection:\n    eventName: x", Reason.INVALID_RULE, "detection.condition")
                .hasMessageContaining("'condition' is missing");
    }

    @Test
    void aggregationsAndTimeframesAreRejectedAsAggregations() {
        detection("selection:\n    eventName: x\ncondition: selection | count() by sourceIPAddress > 5",
                Reason.AGGREGATION, "detection.condition")
                .hasMessageContaining("aggregation '| count() by sourceIPAddress > 5' at position 10");
        detection("selection:\n    eventName: x\ntimeframe: 5m\ncondition: selection", Reason.AGGREGATION,
                "detection.timeframe");
        loading("title: t\ncorrelation:\n    type: event_count\n", Reason.AGGREGATION, "correlation")
                .hasMessageContaining("correlation rules are not supported");
    }

    @Test
    void logsourcesOtherThanAwsCloudtrailAreRejected() {
        loading("""
                title: windows rule
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        Image: x
                    condition: selection
                """, Reason.UNSUPPORTED_LOGSOURCE, "logsource")
                .hasMessageContaining("only product 'aws' with service 'cloudtrail'");
        loading("title: t\ndetection:\n    s:\n        a: b\n    condition: s\n", Reason.INVALID_RULE, "logsource");
    }

    @Test
    void malformedDocumentsAreRejected() {
        loading("title: [unclosed", Reason.MALFORMED_YAML, null).hasMessageContaining("not valid YAML");
        loading("- a\n- b\n", Reason.MALFORMED_YAML, null).hasMessageContaining("must be a YAML mapping");
        loading(ruleYaml("s:\n    a: b\ncondition: s") + "---\n" + ruleYaml("s:\n    a: b\ncondition: s"),
                Reason.UNSUPPORTED_FEATURE, null).hasMessageContaining("multi-document YAML");
        loading("title: t\ntitle: u\n", Reason.MALFORMED_YAML, null).hasMessageContaining("Duplicate field 'title'");
        loading("id: x\nlogsource: {product: aws, service: cloudtrail}\ndetection: {s: {a: b}, condition: s}\n",
                Reason.INVALID_RULE, "title").hasMessageStartingWith("Sigma rule (id x) at title: ");
        loading(ruleYaml("s:\n    a: b\ncondition: s").replace("level: high", "level: severe"), Reason.INVALID_RULE,
                "level").hasMessageContaining("unknown level 'severe'");
    }

    @Test
    void badSelectionShapesAreRejected() {
        detection("selection: []\ncondition: selection", Reason.INVALID_RULE, "detection.selection")
                .hasMessageContaining("empty selection");
        detection("selection:\n    - a: b\n    - keyword\ncondition: selection", Reason.INVALID_RULE,
                "detection.selection").hasMessageContaining("only maps or only keyword strings");
        detection("selection:\n    '|re': x\ncondition: selection", Reason.UNSUPPORTED_FEATURE,
                "detection.selection.|re").hasMessageContaining("modifiers without a field name");
        detection("not:\n    a: b\ncondition: not", Reason.INVALID_RULE, "detection.not")
                .hasMessageContaining("cannot name a selection");
    }
}
