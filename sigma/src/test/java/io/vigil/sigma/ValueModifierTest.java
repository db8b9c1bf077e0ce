package io.vigil.sigma;

import static io.vigil.sigma.SigmaTestRules.record;
import static io.vigil.sigma.SigmaTestRules.selection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each Sigma value form and modifier on CloudTrail-shaped records, positive and negative. */
class ValueModifierTest {

    static Stream<Arguments> plainValuesMatchWholeValuesIgnoringCase() {
        return Stream.of(arguments("eventName: 'DeleteTrail'", "{\"eventName\":\"deletetrail\"}", true),
                arguments("eventName: 'DeleteTrail'", "{\"eventName\":\"DeleteTrail2\"}", false),
                arguments("eventName: 'DeleteTrail'", "{\"eventName\":null}", false),
                arguments("eventName: 'DeleteTrail'", "{\"other\":\"DeleteTrail\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void plainValuesMatchWholeValuesIgnoringCase(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> caseInsensitivityFoldsAsciiLettersOnlyToAsciiLetters() {
        return Stream.of(arguments("eventName: 'StopLogging'", "{\"eventName\":\"STOPLOGGING\"}", true),
                arguments("eventName: 'StopLogging'", "{\"eventName\":\"\u017ftopLogging\"}", false),
                arguments("eventSource: 'cloudtrail.*.com'", "{\"eventSource\":\"CLOUDTRAIL.amazonaws.COM\"}", true),
                arguments("eventSource: 'cloudtrail.*.com'", "{\"eventSource\":\"cloudtra\u0131l.amazonaws.com\"}",
                        false),
                arguments("userAgent|contains: '\u00c9t\u00c9'", "{\"userAgent\":\"x \u00e9t\u00e9\"}", true));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void caseInsensitivityFoldsAsciiLettersOnlyToAsciiLetters(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> casedMakesTheComparisonCaseSensitive() {
        return Stream.of(arguments("eventName|cased: 'DeleteTrail'", "{\"eventName\":\"DeleteTrail\"}", true),
                arguments("eventName|cased: 'DeleteTrail'", "{\"eventName\":\"deletetrail\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void casedMakesTheComparisonCaseSensitive(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> aValueListIsAnOrAndAllMakesItAnAnd() {
        return Stream.of(
                arguments("eventName:\n    - StopLogging\n    - DeleteTrail", "{\"eventName\":\"DeleteTrail\"}", true),
                arguments("eventName:\n    - StopLogging\n    - DeleteTrail", "{\"eventName\":\"StartLogging\"}",
                        false),
                arguments("userAgent|contains|all:\n    - 'S3 Browser'\n    - 'https'",
                        "{\"userAgent\":\"S3 Browser 11 https://s3browser.com\"}", true),
                arguments("userAgent|contains|all:\n    - 'S3 Browser'\n    - 'https'",
                        "{\"userAgent\":\"S3 Browser 11\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void aValueListIsAnOrAndAllMakesItAnAnd(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> wildcardsStarAndQuestionMarkMatchAnyRunAndOneCharacter() {
        return Stream.of(arguments("eventName: 'Put*Polic?'", "{\"eventName\":\"PutUserPolicy\"}", true),
                arguments("eventName: 'Put*Polic?'", "{\"eventName\":\"putpolicx\"}", true),
                arguments("eventName: 'Put*Polic?'", "{\"eventName\":\"PutUserPolicies\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void wildcardsStarAndQuestionMarkMatchAnyRunAndOneCharacter(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> backslashEscapesWildcardsAndItselfAndIsLiteralBeforeOtherCharacters() {
        return Stream.of(arguments("userAgent: 'a\\*b'", "{\"userAgent\":\"a*b\"}", true),
                arguments("userAgent: 'a\\*b'", "{\"userAgent\":\"axxb\"}", false),
                arguments("userAgent: 'a\\?'", "{\"userAgent\":\"a?\"}", true),
                arguments("userAgent: 'a\\?'", "{\"userAgent\":\"ab\"}", false),
                arguments("userAgent: 'C:\\\\Windows\\\\*'", "{\"userAgent\":\"C:\\\\Windows\\\\cmd.exe\"}", true),
                arguments("userAgent: 'C:\\Windows'", "{\"userAgent\":\"C:\\\\Windows\"}", true));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void backslashEscapesWildcardsAndItselfAndIsLiteralBeforeOtherCharacters(String selection, String record,
            boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> containsStartswithAndEndswithAnchorAsTheirNamesSay() {
        return Stream.of(arguments("userAgent|contains: 'trufflehog'", "{\"userAgent\":\"x TruffleHog/3 y\"}", true),
                arguments("userAgent|contains: 'trufflehog'", "{\"userAgent\":\"truffle hog\"}", false),
                arguments("eventName|startswith: 'Update'", "{\"eventName\":\"updateFunctionConfiguration20150331v2\"}",
                        true),
                arguments("eventName|startswith: 'Update'", "{\"eventName\":\"XUpdate\"}", false),
                arguments("eventName|endswith: 'Policy'", "{\"eventName\":\"PutRolePOLICY\"}", true),
                arguments("eventName|endswith: 'Policy'", "{\"eventName\":\"PolicyPut\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void containsStartswithAndEndswithAnchorAsTheirNamesSay(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> containsWithOnlyAStarMatchesAnyPresentNonNullValue() {
        return Stream.of(arguments("errorCode|contains: '*'", "{\"errorCode\":\"AccessDenied\"}", true),
                arguments("errorCode|contains: '*'", "{\"errorCode\":\"\"}", true),
                arguments("errorCode|contains: '*'", "{\"errorCode\":null}", false),
                arguments("errorCode|contains: '*'", "{}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void containsWithOnlyAStarMatchesAnyPresentNonNullValue(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> nullMatchesAnAbsentOrNullField() {
        return Stream.of(arguments("errorCode: null", "{}", true),
                arguments("errorCode: null", "{\"errorCode\":null}", true),
                arguments("errorCode: null", "{\"errorCode\":[]}", true),
                arguments("errorCode: null", "{\"errorCode\":\"AccessDenied\"}", false),
                arguments("errorCode: null", "{\"errorCode\":\"\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void nullMatchesAnAbsentOrNullField(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> aValueListWithNullMatchesTheValuesOrAbsence() {
        return Stream.of(arguments("errorCode:\n    - 'Success'\n    - null", "{}", true),
                arguments("errorCode:\n    - 'Success'\n    - null", "{\"errorCode\":\"success\"}", true),
                arguments("errorCode:\n    - 'Success'\n    - null", "{\"errorCode\":\"AccessDenied\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void aValueListWithNullMatchesTheValuesOrAbsence(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> existsTellsPresenceFromAbsence() {
        return Stream.of(arguments("errorMessage|exists: true", "{\"errorMessage\":\"denied\"}", true),
                arguments("errorMessage|exists: true", "{\"errorMessage\":null}", true),
                arguments("errorMessage|exists: true", "{\"errorMessage\":{\"a\":1}}", true),
                arguments("errorMessage|exists: true", "{}", false),
                arguments("errorMessage|exists: false", "{}", true),
                arguments("errorMessage|exists: false", "{\"errorMessage\":\"denied\"}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void existsTellsPresenceFromAbsence(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> regularExpressionsAreCaseSensitiveUnlessIIsGivenAndMatchAnywhere() {
        return Stream.of(
                arguments("userIdentity.arn|re: ':assumed-role/aws:'",
                        "{\"userIdentity\":{\"arn\":\"arn:aws:sts::1:assumed-role/aws:ec2-instance/i\"}}", true),
                arguments("userIdentity.arn|re: ':assumed-role/aws:'",
                        "{\"userIdentity\":{\"arn\":\"arn:aws:sts::1:ASSUMED-ROLE/aws:x\"}}", false),
                arguments("userIdentity.arn|re|i: ':ASSUMED-ROLE/'",
                        "{\"userIdentity\":{\"arn\":\"arn:aws:sts::1:assumed-role/x\"}}", true),
                arguments("eventName|re: '^Create.*Key$'", "{\"eventName\":\"CreateAccessKey\"}", true),
                arguments("eventName|re: '^Create.*Key$'", "{\"eventName\":\"CreateAccessKeys\"}", false),
                arguments("requestParameters.script|re|m: '^curl'",
                        "{\"requestParameters\":{\"script\":\"set -e\\ncurl x\"}}", true),
                arguments("requestParameters.script|re|s: 'a.b'", "{\"requestParameters\":{\"script\":\"a\\nb\"}}",
                        true),
                arguments("requestParameters.script|re: 'a.b'", "{\"requestParameters\":{\"script\":\"a\\nb\"}}",
                        false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void regularExpressionsAreCaseSensitiveUnlessIIsGivenAndMatchAnywhere(String selection, String record,
            boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> cidrMatchesIpv4AndIpv6AddressesInTheRange() {
        return Stream.of(
                arguments("sourceIPAddress|cidr:\n    - '10.0.0.0/8'\n    - '2001:db8::/32'",
                        "{\"sourceIPAddress\":\"10.20.30.40\"}", true),
                arguments("sourceIPAddress|cidr:\n    - '10.0.0.0/8'\n    - '2001:db8::/32'",
                        "{\"sourceIPAddress\":\"2001:db8:0:1::5\"}", true),
                arguments("sourceIPAddress|cidr:\n    - '10.0.0.0/8'\n    - '2001:db8::/32'",
                        "{\"sourceIPAddress\":\"11.0.0.1\"}", false),
                arguments("sourceIPAddress|cidr:\n    - '10.0.0.0/8'\n    - '2001:db8::/32'",
                        "{\"sourceIPAddress\":\"2001:db9::1\"}", false),
                arguments("sourceIPAddress|cidr:\n    - '10.0.0.0/8'\n    - '2001:db8::/32'",
                        "{\"sourceIPAddress\":\"AWS Internal\"}", false),
                arguments("sourceIPAddress|cidr:\n    - '10.0.0.0/8'\n    - '2001:db8::/32'",
                        "{\"sourceIPAddress\":\"ec2.amazonaws.com\"}", false),
                arguments("sourceIPAddress|cidr: '192.168.1.128/25'", "{\"sourceIPAddress\":\"192.168.1.127\"}",
                        false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void cidrMatchesIpv4AndIpv6AddressesInTheRange(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> fieldrefComparesWithAnotherFieldOfTheSameRecord() {
        return Stream.of(
                arguments("userIdentity.userName|fieldref: requestParameters.userName",
                        "{\"userIdentity\":{\"userName\":\"Bob\"},\"requestParameters\":{\"userName\":\"bob\"}}", true),
                arguments("userIdentity.userName|fieldref: requestParameters.userName",
                        "{\"userIdentity\":{\"userName\":\"alice\"},\"requestParameters\":{\"userName\":\"bob\"}}",
                        false),
                arguments("userIdentity.userName|fieldref: requestParameters.userName",
                        "{\"userIdentity\":{\"userName\":\"alice\"}}", false),
                arguments("userIdentity.arn|fieldref|contains: requestParameters.userName",
                        "{\"userIdentity\":{\"arn\":\"arn:aws:iam::1:user/bob\"},"
                                + "\"requestParameters\":{\"userName\":\"bob\"}}",
                        true),
                arguments("userIdentity.userName|fieldref|cased: requestParameters.userName",
                        "{\"userIdentity\":{\"userName\":\"Bob\"},\"requestParameters\":{\"userName\":\"bob\"}}",
                        false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void fieldrefComparesWithAnotherFieldOfTheSameRecord(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> base64MatchesTheEncodedValue() {
        return Stream.of(
                arguments("requestParameters.userData|base64|contains: '/bin/bash'",
                        "{\"requestParameters\":{\"userData\":\"xxL2Jpbi9iYXNoyy\"}}", true),
                arguments("requestParameters.userData|base64|contains: '/bin/bash'",
                        "{\"requestParameters\":{\"userData\":\"/bin/bash\"}}", false),
                arguments("requestParameters.userData|base64|contains: '/bin/bash'",
                        "{\"requestParameters\":{\"userData\":\"xxl2jpbi9iyxnoyy\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void base64MatchesTheEncodedValue(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> windashVariantsAreEncodedToo() {
        String dashed = Base64.getEncoder().encodeToString("powershell -enc AAAA".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                arguments("requestParameters.userData|windash|base64offset|contains: '/enc'",
                        "{\"requestParameters\":{\"userData\":\"" + dashed + "\"}}", true),
                arguments("requestParameters.userData|windash|base64offset|contains: '/enc'",
                        "{\"requestParameters\":{\"userData\":\"cG93ZXJzaGVsbA==\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void windashVariantsAreEncodedToo(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> escapedWildcardsAreEncodedAsTheLiteralCharacter() {
        return Stream.of(
                arguments("requestParameters.userData|base64: 'a\\*b'",
                        "{\"requestParameters\":{\"userData\":\"YSpi\"}}", true),
                arguments("requestParameters.userData|base64: 'a\\*b'",
                        "{\"requestParameters\":{\"userData\":\"YVwqYg==\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void escapedWildcardsAreEncodedAsTheLiteralCharacter(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> numericComparisonsTakeNumbersAndNumericStrings() {
        return Stream.of(
                arguments("requestParameters.fromPort|gt: 20", "{\"requestParameters\":{\"fromPort\":22}}", true),
                arguments("requestParameters.fromPort|gt: 20", "{\"requestParameters\":{\"fromPort\":20}}", false),
                arguments("requestParameters.fromPort|gte: 22", "{\"requestParameters\":{\"fromPort\":\"22\"}}", true),
                arguments("requestParameters.fromPort|gte: 22", "{\"requestParameters\":{\"fromPort\":21.5}}", false),
                arguments("requestParameters.fromPort|lt: 1024", "{\"requestParameters\":{\"fromPort\":80}}", true),
                arguments("requestParameters.fromPort|lt: 1024", "{\"requestParameters\":{\"fromPort\":\"eighty\"}}",
                        false),
                arguments("requestParameters.fromPort|lte: '22'", "{\"requestParameters\":{\"fromPort\":22}}", true),
                arguments("requestParameters.fromPort|lte: '22'", "{\"requestParameters\":{\"fromPort\":23}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void numericComparisonsTakeNumbersAndNumericStrings(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> neqMatchesWhenNoValueEqualsAnyOfTheListedOnes() {
        return Stream.of(
                arguments("userIdentity.type|neq:\n    - 'AssumedRole'\n    - 'AWSService'",
                        "{\"userIdentity\":{\"type\":\"IAMUser\"}}", true),
                arguments("userIdentity.type|neq:\n    - 'AssumedRole'\n    - 'AWSService'", "{}", true),
                arguments("userIdentity.type|neq:\n    - 'AssumedRole'\n    - 'AWSService'",
                        "{\"userIdentity\":{\"type\":\"assumedrole\"}}", false),
                arguments("userIdentity.type|neq:\n    - 'AssumedRole'\n    - 'AWSService'",
                        "{\"userIdentity\":{\"type\":\"AWSService\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void neqMatchesWhenNoValueEqualsAnyOfTheListedOnes(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> windashMatchesDashSlashAndUnicodeDashVariantsOfFlags() {
        return Stream.of(
                arguments("requestParameters.commandLine|windash|contains: ' -enc '",
                        "{\"requestParameters\":{\"commandLine\":\"powershell -enc AAA\"}}", true),
                arguments("requestParameters.commandLine|windash|contains: ' -enc '",
                        "{\"requestParameters\":{\"commandLine\":\"powershell /enc AAA\"}}", true),
                arguments("requestParameters.commandLine|windash|contains: ' -enc '",
                        "{\"requestParameters\":{\"commandLine\":\"powershell \u2013enc AAA\"}}", true),
                arguments("requestParameters.commandLine|windash|contains: ' -enc '",
                        "{\"requestParameters\":{\"commandLine\":\"powershell enc AAA\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void windashMatchesDashSlashAndUnicodeDashVariantsOfFlags(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> numbersAndBooleansInRecordsAreComparedByTheirJsonSpelling() {
        return Stream.of(
                arguments("requestParameters.enable: 'false'", "{\"requestParameters\":{\"enable\":false}}", true),
                arguments("requestParameters.enable: 'false'", "{\"requestParameters\":{\"enable\":\"FALSE\"}}", true),
                arguments("requestParameters.enable: 'false'", "{\"requestParameters\":{\"enable\":true}}", false),
                arguments("requestParameters.fromPort: 22", "{\"requestParameters\":{\"fromPort\":22}}", true),
                arguments("requestParameters.fromPort: 22", "{\"requestParameters\":{\"fromPort\":\"22\"}}", true),
                arguments("requestParameters.fromPort: 22", "{\"requestParameters\":{\"fromPort\":220}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void numbersAndBooleansInRecordsAreComparedByTheirJsonSpelling(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> pathsLookThroughArraysAndMatchIfAnyElementMatches() {
        String open = "{\"requestParameters\":{\"ipPermissions\":{\"items\":[{\"ipRanges\":{\"items\":"
                + "[{\"cidrIp\":\"10.0.0.0/8\"}]}},{\"ipRanges\":{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"}]}}]}}}";
        String closed = open.replace("0.0.0.0/0", "192.168.0.0/16");
        return Stream.of(
                arguments("requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '0.0.0.0/0'", open, true),
                arguments("requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '0.0.0.0/0'", closed, false),
                arguments("resources.ARN|endswith: ':trail/org'",
                        "{\"resources\":[{\"ARN\":\"a\"},{\"ARN\":\"arn:aws:cloudtrail:x:trail/org\"}]}", true));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void pathsLookThroughArraysAndMatchIfAnyElementMatches(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> keysContainingDotsAreReachedByTheDottedPath() {
        return Stream.of(
                arguments("requestParameters.x-amz-acl.policy: 'public-read'",
                        "{\"requestParameters\":{\"x-amz-acl.policy\":\"public-read\"}}", true),
                arguments("requestParameters.x-amz-acl.policy: 'public-read'",
                        "{\"requestParameters\":{\"x-amz-acl\":{\"policy\":\"public-read\"}}}", true),
                arguments("requestParameters.x-amz-acl.policy: 'public-read'",
                        "{\"requestParameters\":{\"x-amz-acl\":\"public-read\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void keysContainingDotsAreReachedByTheDottedPath(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> anObjectIsMatchedThroughItsJsonTextAndContainsAlsoSeesNestedStrings() {
        String nestedPolicy = "{\"requestParameters\":{\"policyDocument\":\"{\\\"Effect\\\":\\\"Allow\\\"}\"}}";
        return Stream.of(
                arguments("requestParameters|contains: 'Suspended'",
                        "{\"requestParameters\":{\"VersioningConfiguration\":{\"Status\":\"Suspended\"}}}", true),
                arguments("requestParameters|contains: 'Suspended'",
                        "{\"requestParameters\":{\"VersioningConfiguration\":{\"Status\":\"Enabled\"}}}", false),
                arguments("requestParameters|contains: '\"Allow\"'", nestedPolicy, true), arguments(
                        "requestParameters: 'Suspended'", "{\"requestParameters\":{\"Status\":\"Suspended\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void anObjectIsMatchedThroughItsJsonTextAndContainsAlsoSeesNestedStrings(String selection, String record,
            boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    @Test
    void base64offsetEncodesAtTheThreeByteOffsetsAsTheSigmaSpecificationShows() {
        // When
        List<String> encodings = FieldEntryCompiler.base64Offsets("/bin/bash");

        // Then
        assertThat(encodings).containsExactly("L2Jpbi9iYXNo", "9iaW4vYmFza", "vYmluL2Jhc2");
    }

    static Stream<Arguments> base64offsetMatchesTheValueAtAnyOfTheThreeByteOffsets() {
        String atOffsetOne = base64("x/bin/bash -c id");
        String atOffsetTwo = base64("#!/bin/bash");
        String selection = "requestParameters.userData|base64offset|contains: '/bin/bash'";
        return Stream.of(arguments(selection, "{\"requestParameters\":{\"userData\":\"" + atOffsetOne + "\"}}", true),
                arguments(selection, "{\"requestParameters\":{\"userData\":\"" + atOffsetTwo + "\"}}", true),
                arguments(selection, "{\"requestParameters\":{\"userData\":\"" + base64("#!/bin/sh") + "\"}}", false));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource
    void base64offsetMatchesTheValueAtAnyOfTheThreeByteOffsets(String selection, String record, boolean expected) {
        // Given
        SigmaRule rule = selection(selection);

        // When
        boolean verdict = rule.matches(record(record));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    static Stream<Arguments> matchesIsFalseForNullAndNonObjectInput() {
        return Stream.of(arguments(null, false), arguments("[]", false), arguments("\"text\"", false),
                arguments("{}", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void matchesIsFalseForNullAndNonObjectInput(String json, boolean expected) {
        // Given
        SigmaRule rule = selection("eventName|exists: false");

        // When
        boolean verdict = rule.matches(json == null ? null : record(json));

        // Then
        assertThat(verdict).isEqualTo(expected);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
