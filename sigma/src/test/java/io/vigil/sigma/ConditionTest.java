package io.vigil.sigma;

import static io.vigil.sigma.SigmaTestRules.record;
import static io.vigil.sigma.SigmaTestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Condition forms over named selections, selection shapes, and keywords. */
class ConditionTest {

    /** Four selections; a record says which of them it satisfies. */
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

    /** A record satisfying the selections whose letters are given: "a", "b", "c", "h" (for _hidden). */
    private static JsonNode satisfying(String selections) {
        return record("{\"eventName\":\"" + (selections.contains("a") ? "A" : "x") + "\",\"eventSource\":\""
                + (selections.contains("b") ? "b" : "x") + "\",\"userAgent\":\""
                + (selections.contains("c") ? "c" : "x") + "\",\"awsRegion\":\""
                + (selections.contains("h") ? "h" : "x") + "\"}");
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                // not binds tighter than and, which binds tighter than or
                arguments("sel_a or sel_b and not filter_c", "ac", true),
                arguments("sel_a or sel_b and not filter_c", "b", true),
                arguments("sel_a or sel_b and not filter_c", "bc", false),
                arguments("sel_a or sel_b and not filter_c", "", false),
                // parentheses group
                arguments("(sel_a or sel_b) and not filter_c", "ac", false),
                arguments("(sel_a or sel_b) and not filter_c", "a", true), arguments("not (sel_a or sel_b)", "c", true),
                arguments("not not sel_a", "a", true),
                // 1 of / all of a name pattern
                arguments("1 of sel_*", "b", true), arguments("1 of sel_*", "c", false),
                arguments("all of sel_*", "ab", true), arguments("all of sel_*", "a", false),
                // them: every selection not starting with an underscore
                arguments("1 of them", "h", false), arguments("1 of them", "c", true),
                arguments("all of them", "abc", true), arguments("all of them", "abh", false),
                // 1 of an exact name is that selection
                arguments("1 of filter_c", "c", true),
                // condition keywords are case-insensitive
                arguments("sel_a AND NOT filter_c", "a", true), arguments("1 OF sel_*", "b", true));
    }

    @ParameterizedTest(name = "{0} on a record satisfying [{1}] -> {2}")
    @MethodSource("conditions")
    void conditionsCombineSelectionsAsSigmaSays(String condition, String satisfied, boolean expected) {
        // Given
        SigmaRule rule = rule(SELECTIONS + "condition: " + condition);

        // When
        boolean verdict = rule.matches(satisfying(satisfied));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> aListOfConditionsIsAnOr() {
        return Stream.of(arguments("c", true), arguments("b", false), arguments("a", true));
    }

    @ParameterizedTest(name = "record satisfying [{0}] -> {1}")
    @MethodSource
    void aListOfConditionsIsAnOr(String satisfied, boolean expected) {
        // Given
        SigmaRule rule = rule(SELECTIONS + "condition:\n    - sel_a\n    - filter_c");

        // When
        boolean verdict = rule.matches(satisfying(satisfied));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> aListOfMapsIsAnOrOfTheMaps() {
        return Stream.of(arguments("{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"SendCommand\"}", true),
                arguments("{\"sourceIPAddress\":\"AWS Internal\"}", true),
                arguments("{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"ListCommands\"}", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void aListOfMapsIsAnOrOfTheMaps(String json, boolean expected) {
        // Given
        SigmaRule rule = rule("""
                selection:
                    - eventSource: ssm.amazonaws.com
                      eventName: SendCommand
                    - sourceIPAddress: AWS Internal
                condition: selection
                """);

        // When
        boolean verdict = rule.matches(record(json));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> keywordsSearchEveryValueOfTheRecord() {
        return Stream.of(arguments("{\"userAgent\":\"x trufflehog/3\"}", true),
                arguments("{\"userIdentity\":{\"keys\":[\"a\",\"akiaiosfodnn7example\"]}}", true),
                arguments("{\"userAgent\":\"aws-cli\",\"note\":\"AKIAIOSFODNN7EXAMPLE2\"}", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void keywordsSearchEveryValueOfTheRecord(String json, boolean expected) {
        // Given
        SigmaRule rule = rule("""
                keywords:
                    - '*TruffleHog*'
                    - 'AKIAIOSFODNN7EXAMPLE'
                condition: keywords
                """);

        // When
        boolean verdict = rule.matches(record(json));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    @Test
    void keywordRulesCannotBePrefiltered() {
        // When
        SigmaRule rule = rule("keywords:\n    - '*TruffleHog*'\ncondition: keywords");

        // Then
        assertThat(rule.prefilter().available()).isFalse();
        assertThat(rule.prefilter().sufficient()).isFalse();
    }
}
