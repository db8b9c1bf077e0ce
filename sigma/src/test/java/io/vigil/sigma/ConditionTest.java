package io.vigil.sigma;

import static io.vigil.sigma.SigmaTestRules.record;
import static io.vigil.sigma.SigmaTestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Condition forms over named selections, selection shapes, and keywords. */
class ConditionTest {

    private static final String SELECTIONS = """
            sel_a:
                eventName: A
            sel_b:
                eventSource: b
            filter_c:
                userAgent: c
            _hidden:
                awsRegion: h
            """;

    private static SigmaRule withCondition(String condition) {
        return rule(SELECTIONS + "condition: " + condition);
    }

    private static JsonNode event(boolean a, boolean b, boolean c, boolean hidden) {
        return record("{\"eventName\":\"" + (a ? "A" : "x") + "\",\"eventSource\":\"" + (b ? "b" : "x")
                + "\",\"userAgent\":\"" + (c ? "c" : "x") + "\",\"awsRegion\":\"" + (hidden ? "h" : "x") + "\"}");
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        SigmaRule rule = withCondition("sel_a or sel_b and not filter_c");

        assertThat(rule.matches(event(true, false, true, false))).isTrue();
        assertThat(rule.matches(event(false, true, false, false))).isTrue();
        assertThat(rule.matches(event(false, true, true, false))).isFalse();
        assertThat(rule.matches(event(false, false, false, false))).isFalse();
    }

    @Test
    void parenthesesGroup() {
        SigmaRule rule = withCondition("(sel_a or sel_b) and not filter_c");

        assertThat(rule.matches(event(true, false, true, false))).isFalse();
        assertThat(rule.matches(event(true, false, false, false))).isTrue();
        assertThat(withCondition("not (sel_a or sel_b)").matches(event(false, false, true, false))).isTrue();
        assertThat(withCondition("not not sel_a").matches(event(true, false, false, false))).isTrue();
    }

    @Test
    void oneOfAndAllOfQuantifyOverMatchingSelectionNames() {
        SigmaRule oneOf = withCondition("1 of sel_*");
        SigmaRule allOf = withCondition("all of sel_*");

        assertThat(oneOf.matches(event(false, true, false, false))).isTrue();
        assertThat(oneOf.matches(event(false, false, true, false))).isFalse();
        assertThat(allOf.matches(event(true, true, false, false))).isTrue();
        assertThat(allOf.matches(event(true, false, false, false))).isFalse();
    }

    @Test
    void themMeansEverySelectionNotStartingWithAnUnderscore() {
        SigmaRule oneOfThem = withCondition("1 of them");
        SigmaRule allOfThem = withCondition("all of them");

        assertThat(oneOfThem.matches(event(false, false, false, true))).isFalse();
        assertThat(oneOfThem.matches(event(false, false, true, false))).isTrue();
        assertThat(allOfThem.matches(event(true, true, true, false))).isTrue();
        assertThat(allOfThem.matches(event(true, true, false, true))).isFalse();
    }

    @Test
    void aListOfConditionsIsAnOr() {
        SigmaRule rule = rule(SELECTIONS + "condition:\n    - sel_a\n    - filter_c");

        assertThat(rule.matches(event(false, false, true, false))).isTrue();
        assertThat(rule.matches(event(false, true, false, false))).isFalse();
    }

    @Test
    void aListOfMapsIsAnOrOfTheMaps() {
        SigmaRule rule = rule("""
                selection:
                    - eventSource: ssm.amazonaws.com
                      eventName: SendCommand
                    - sourceIPAddress: AWS Internal
                condition: selection
                """);

        assertThat(rule.matches(record("{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"SendCommand\"}")))
                .isTrue();
        assertThat(rule.matches(record("{\"sourceIPAddress\":\"AWS Internal\"}"))).isTrue();
        assertThat(rule.matches(record("{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"ListCommands\"}")))
                .isFalse();
    }

    @Test
    void keywordsSearchEveryValueOfTheRecord() {
        SigmaRule rule = rule("""
                keywords:
                    - '*TruffleHog*'
                    - 'AKIAIOSFODNN7EXAMPLE'
                condition: keywords
                """);

        assertThat(rule.matches(record("{\"userAgent\":\"x trufflehog/3\"}"))).isTrue();
        assertThat(rule.matches(record("{\"userIdentity\":{\"keys\":[\"a\",\"akiaiosfodnn7example\"]}}"))).isTrue();
        assertThat(rule.matches(record("{\"userAgent\":\"aws-cli\",\"note\":\"AKIAIOSFODNN7EXAMPLE2\"}"))).isFalse();
        assertThat(rule.prefilter().available()).isFalse();
    }

    @Test
    void conditionKeywordsAreCaseInsensitive() {
        assertThat(withCondition("sel_a AND NOT filter_c").matches(event(true, false, false, false))).isTrue();
        assertThat(withCondition("1 OF sel_*").matches(event(false, true, false, false))).isTrue();
    }
}
