package io.vigil.sigma;

import static io.vigil.sigma.SigmaTestRules.rule;
import static io.vigil.sigma.SigmaTestRules.selection;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact event-ruler patterns and flags the compiler produces for each shape. */
class PrefilterCompilerTest {

    @Test
    void plainValuesBecomeEqualsIgnoreCaseAndAreSufficient() {
        EventRulerPrefilter prefilter = selection("eventSource: s3.amazonaws.com\neventName:\n    - A\n    - B")
                .prefilter();

        assertThat(prefilter.patterns())
                .containsExactly("{\"eventSource\":[{\"equals-ignore-case\":\"s3.amazonaws.com\"}],"
                        + "\"eventName\":[{\"equals-ignore-case\":\"A\"},{\"equals-ignore-case\":\"B\"}]}");
        assertThat(prefilter.sufficient()).isTrue();
    }

    @Test
    void casedValuesPrefixesAndSuffixesUseEventRulersOwnOperators() {
        assertThat(selection("eventName|cased: DeleteTrail").prefilter().patterns())
                .containsExactly("{\"eventName\":[\"DeleteTrail\"]}");
        assertThat(selection("eventName|startswith: Update").prefilter().patterns())
                .containsExactly("{\"eventName\":[{\"prefix\":{\"equals-ignore-case\":\"Update\"}}]}");
        assertThat(selection("eventName|endswith|cased: Policy").prefilter().patterns())
                .containsExactly("{\"eventName\":[{\"suffix\":\"Policy\"}]}");
        assertThat(selection("eventName|endswith|cased: Policy").prefilter().sufficient()).isTrue();
    }

    @Test
    void booleanTextAlsoMatchesTheJsonBoolean() {
        EventRulerPrefilter prefilter = selection("requestParameters.enable: 'false'").prefilter();

        assertThat(prefilter.patterns())
                .containsExactly("{\"requestParameters\":{\"enable\":[{\"equals-ignore-case\":\"false\"},false]}}");
        assertThat(prefilter.sufficient()).isTrue();
    }

    @Test
    void nullIsNullOrAbsentAndOnlyNecessary() {
        EventRulerPrefilter prefilter = rule("""
                sel:
                    eventName: DeleteBucket
                status_null:
                    errorCode: null
                status_ok:
                    errorCode: Success
                condition: sel and 1 of status_*
                """).prefilter();

        assertThat(prefilter.patterns()).containsExactly("{\"eventName\":[{\"equals-ignore-case\":\"DeleteBucket\"}],"
                + "\"errorCode\":[null,{\"exists\":false},{\"equals-ignore-case\":\"Success\"}]}");
        assertThat(prefilter.sufficient()).isFalse();
    }

    @Test
    void anOrOfDifferentFieldsGivesOnePatternPerBranch() {
        EventRulerPrefilter prefilter = selection("- eventName: StopLogging\n- eventSource: kms.amazonaws.com")
                .prefilter();

        assertThat(prefilter.patterns()).containsExactly("{\"eventName\":[{\"equals-ignore-case\":\"StopLogging\"}]}",
                "{\"eventSource\":[{\"equals-ignore-case\":\"kms.amazonaws.com\"}]}");
        assertThat(prefilter.sufficient()).isTrue();
    }

    @Test
    void whatEventRulerCannotExpressIsLeftToMatchesAndClearsSufficient() {
        SigmaRule negated = rule("sel:\n    eventName: ListBuckets\nf:\n    userIdentity.type: AssumedRole\n"
                + "condition: sel and not f");
        SigmaRule contains = selection("eventName: ModifyDBInstance\nresponseElements|contains: '*'");
        SigmaRule sameTopLevelKey = selection("userIdentity.type: AssumedRole\nuserIdentity.sessionContext.x: Role");

        assertThat(negated.prefilter().patterns())
                .containsExactly("{\"eventName\":[{\"equals-ignore-case\":\"ListBuckets\"}]}");
        assertThat(negated.prefilter().sufficient()).isFalse();
        assertThat(contains.prefilter().patterns())
                .containsExactly("{\"eventName\":[{\"equals-ignore-case\":\"ModifyDBInstance\"}]}");
        assertThat(contains.prefilter().sufficient()).isFalse();
        assertThat(sameTopLevelKey.prefilter().patterns())
                .containsExactly("{\"userIdentity\":{\"type\":[{\"equals-ignore-case\":\"AssumedRole\"}]}}");
        assertThat(sameTopLevelKey.prefilter().sufficient()).isFalse();
    }

    @Test
    void numberLikeAndNonAsciiValuesGiveNoPattern() {
        assertThat(selection("requestParameters.fromPort: '22'").prefilter().available()).isFalse();
        assertThat(selection("userAgent: 'Ünïcode'").prefilter().available()).isFalse();
    }

    @Test
    void aRegexBecomesAWildcardOnTheLiteralEveryMatchContainsOrAnObjectValuedField() {
        EventRulerPrefilter prefilter = rule("""
                selection:
                    userIdentity.arn|re: '.+:assumed-role/aws:.+'
                filter_main_generic:
                    - eventSource: 'ssm.amazonaws.com'
                    - eventName: 'RegisterManagedInstance'
                condition: selection and not 1 of filter_main_*""").prefilter();

        assertThat(prefilter.patterns()).containsExactly("{\"userIdentity\":{\"arn\":[{\"wildcard\":"
                + "\"*:assumed-role/aws:*\"},{\"exists\":false}]}}");
        assertThat(prefilter.sufficient()).isFalse();
        assertThat(selection("eventName|re: '^Create'").prefilter().patterns())
                .containsExactly("{\"eventName\":[{\"wildcard\":\"*Create*\"},{\"exists\":false}]}");
        assertThat(selection("userAgent|re: 'a\\*b+'").prefilter().patterns())
                .containsExactly("{\"userAgent\":[{\"wildcard\":\"*a\\\\*b*\"},{\"exists\":false}]}");
    }

    @Test
    void aRegexWithoutALiteralOrIgnoringCaseOrWhoseLiteralCouldSpellANumberOrBooleanGivesNoPattern() {
        assertThat(selection("eventName|re: '^(Create|Delete)'").prefilter().available()).isFalse();
        assertThat(selection("eventName|re|i: '^Create'").prefilter().available()).isFalse();
        assertThat(selection("requestParameters.fromPort|re: '22'").prefilter().available()).isFalse();
        assertThat(selection("readOnly|re: 'ru'").prefilter().available()).isFalse();
        assertThat(selection("errorCode|re: 'ul'").prefilter().available()).isFalse();
    }

    @Test
    void patternsCanBeNestedUnderTheEventBridgeDetail() {
        EventRulerPrefilter prefilter = selection("eventName|cased: StopLogging").prefilter();

        assertThat(prefilter.patternsUnder("detail")).containsExactly("{\"detail\":{\"eventName\":[\"StopLogging\"]}}");
        assertThat(prefilter.patternsUnder("a.b")).containsExactly("{\"a\":{\"b\":{\"eventName\":[\"StopLogging\"]}}}");
    }
}
