package io.vigil.sigma;

import static io.vigil.sigma.SigmaTestRules.record;
import static io.vigil.sigma.SigmaTestRules.selection;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each Sigma value form and modifier on CloudTrail-shaped records, positive and negative. */
class ValueModifierTest {

    @Test
    void plainValuesMatchWholeValuesIgnoringCase() {
        SigmaRule rule = selection("eventName: 'DeleteTrail'");

        assertThat(rule.matches(record("{\"eventName\":\"deletetrail\"}"))).isTrue();
        assertThat(rule.matches(record("{\"eventName\":\"DeleteTrail2\"}"))).isFalse();
        assertThat(rule.matches(record("{\"eventName\":null}"))).isFalse();
        assertThat(rule.matches(record("{\"other\":\"DeleteTrail\"}"))).isFalse();
    }

    @Test
    void caseInsensitivityFoldsAsciiLettersOnlyToAsciiLetters() {
        SigmaRule rule = selection("eventName: 'StopLogging'");
        SigmaRule wildcard = selection("eventSource: 'cloudtrail.*.com'");

        assertThat(rule.matches(record("{\"eventName\":\"STOPLOGGING\"}"))).isTrue();
        assertThat(rule.matches(record("{\"eventName\":\"\u017ftopLogging\"}"))).as("long s").isFalse();
        assertThat(wildcard.matches(record("{\"eventSource\":\"CLOUDTRAIL.amazonaws.COM\"}"))).isTrue();
        assertThat(wildcard.matches(record("{\"eventSource\":\"cloudtra\u0131l.amazonaws.com\"}"))).as("dotless i")
                .isFalse();
        assertThat(
                selection("userAgent|contains: '\u00c9t\u00c9'").matches(record("{\"userAgent\":\"x \u00e9t\u00e9\"}")))
                        .as("non-ASCII letters of the rule fold by Unicode case").isTrue();
    }

    @Test
    void casedMakesTheComparisonCaseSensitive() {
        SigmaRule rule = selection("eventName|cased: 'DeleteTrail'");

        assertThat(rule.matches(record("{\"eventName\":\"DeleteTrail\"}"))).isTrue();
        assertThat(rule.matches(record("{\"eventName\":\"deletetrail\"}"))).isFalse();
    }

    @Test
    void aValueListIsAnOrAndAllMakesItAnAnd() {
        SigmaRule any = selection("eventName:\n    - StopLogging\n    - DeleteTrail");
        SigmaRule all = selection("userAgent|contains|all:\n    - 'S3 Browser'\n    - 'https'");

        assertThat(any.matches(record("{\"eventName\":\"DeleteTrail\"}"))).isTrue();
        assertThat(any.matches(record("{\"eventName\":\"StartLogging\"}"))).isFalse();
        assertThat(all.matches(record("{\"userAgent\":\"S3 Browser 11 https://s3browser.com\"}"))).isTrue();
        assertThat(all.matches(record("{\"userAgent\":\"S3 Browser 11\"}"))).isFalse();
    }

    @Test
    void wildcardsStarAndQuestionMarkMatchAnyRunAndOneCharacter() {
        SigmaRule rule = selection("eventName: 'Put*Polic?'");

        assertThat(rule.matches(record("{\"eventName\":\"PutUserPolicy\"}"))).isTrue();
        assertThat(rule.matches(record("{\"eventName\":\"putpolicx\"}"))).isTrue();
        assertThat(rule.matches(record("{\"eventName\":\"PutUserPolicies\"}"))).isFalse();
    }

    @Test
    void backslashEscapesWildcardsAndItselfAndIsLiteralBeforeOtherCharacters() {
        SigmaRule star = selection("userAgent: 'a\\*b'");
        SigmaRule question = selection("userAgent: 'a\\?'");
        SigmaRule backslash = selection("userAgent: 'C:\\\\Windows\\\\*'");
        SigmaRule literal = selection("userAgent: 'C:\\Windows'");

        assertThat(star.matches(record("{\"userAgent\":\"a*b\"}"))).isTrue();
        assertThat(star.matches(record("{\"userAgent\":\"axxb\"}"))).isFalse();
        assertThat(question.matches(record("{\"userAgent\":\"a?\"}"))).isTrue();
        assertThat(question.matches(record("{\"userAgent\":\"ab\"}"))).isFalse();
        assertThat(backslash.matches(record("{\"userAgent\":\"C:\\\\Windows\\\\cmd.exe\"}"))).isTrue();
        assertThat(literal.matches(record("{\"userAgent\":\"C:\\\\Windows\"}"))).isTrue();
    }

    @Test
    void containsStartswithAndEndswithAnchorAsTheirNamesSay() {
        SigmaRule contains = selection("userAgent|contains: 'trufflehog'");
        SigmaRule startswith = selection("eventName|startswith: 'Update'");
        SigmaRule endswith = selection("eventName|endswith: 'Policy'");

        assertThat(contains.matches(record("{\"userAgent\":\"x TruffleHog/3 y\"}"))).isTrue();
        assertThat(contains.matches(record("{\"userAgent\":\"truffle hog\"}"))).isFalse();
        assertThat(startswith.matches(record("{\"eventName\":\"updateFunctionConfiguration20150331v2\"}"))).isTrue();
        assertThat(startswith.matches(record("{\"eventName\":\"XUpdate\"}"))).isFalse();
        assertThat(endswith.matches(record("{\"eventName\":\"PutRolePOLICY\"}"))).isTrue();
        assertThat(endswith.matches(record("{\"eventName\":\"PolicyPut\"}"))).isFalse();
    }

    @Test
    void containsWithOnlyAStarMatchesAnyPresentNonNullValue() {
        SigmaRule rule = selection("errorCode|contains: '*'");

        assertThat(rule.matches(record("{\"errorCode\":\"AccessDenied\"}"))).isTrue();
        assertThat(rule.matches(record("{\"errorCode\":\"\"}"))).isTrue();
        assertThat(rule.matches(record("{\"errorCode\":null}"))).isFalse();
        assertThat(rule.matches(record("{}"))).isFalse();
    }

    @Test
    void nullMatchesAnAbsentOrNullField() {
        SigmaRule rule = selection("errorCode: null");

        assertThat(rule.matches(record("{}"))).isTrue();
        assertThat(rule.matches(record("{\"errorCode\":null}"))).isTrue();
        assertThat(rule.matches(record("{\"errorCode\":[]}"))).isTrue();
        assertThat(rule.matches(record("{\"errorCode\":\"AccessDenied\"}"))).isFalse();
        assertThat(rule.matches(record("{\"errorCode\":\"\"}"))).isFalse();
    }

    @Test
    void aValueListWithNullMatchesTheValuesOrAbsence() {
        SigmaRule rule = selection("errorCode:\n    - 'Success'\n    - null");

        assertThat(rule.matches(record("{}"))).isTrue();
        assertThat(rule.matches(record("{\"errorCode\":\"success\"}"))).isTrue();
        assertThat(rule.matches(record("{\"errorCode\":\"AccessDenied\"}"))).isFalse();
    }

    @Test
    void existsTellsPresenceFromAbsence() {
        SigmaRule present = selection("errorMessage|exists: true");
        SigmaRule absent = selection("errorMessage|exists: false");

        assertThat(present.matches(record("{\"errorMessage\":\"denied\"}"))).isTrue();
        assertThat(present.matches(record("{\"errorMessage\":null}"))).isTrue();
        assertThat(present.matches(record("{\"errorMessage\":{\"a\":1}}"))).isTrue();
        assertThat(present.matches(record("{}"))).isFalse();
        assertThat(absent.matches(record("{}"))).isTrue();
        assertThat(absent.matches(record("{\"errorMessage\":\"denied\"}"))).isFalse();
    }

    @Test
    void regularExpressionsAreCaseSensitiveUnlessIIsGivenAndMatchAnywhere() {
        SigmaRule sensitive = selection("userIdentity.arn|re: ':assumed-role/aws:'");
        SigmaRule insensitive = selection("userIdentity.arn|re|i: ':ASSUMED-ROLE/'");
        SigmaRule anchored = selection("eventName|re: '^Create.*Key$'");
        SigmaRule multiline = selection("requestParameters.script|re|m: '^curl'");
        SigmaRule dotall = selection("requestParameters.script|re|s: 'a.b'");

        assertThat(sensitive
                .matches(record("{\"userIdentity\":{\"arn\":\"arn:aws:sts::1:assumed-role/aws:ec2-instance/i\"}}")))
                        .isTrue();
        assertThat(sensitive.matches(record("{\"userIdentity\":{\"arn\":\"arn:aws:sts::1:ASSUMED-ROLE/aws:x\"}}")))
                .isFalse();
        assertThat(insensitive.matches(record("{\"userIdentity\":{\"arn\":\"arn:aws:sts::1:assumed-role/x\"}}")))
                .isTrue();
        assertThat(anchored.matches(record("{\"eventName\":\"CreateAccessKey\"}"))).isTrue();
        assertThat(anchored.matches(record("{\"eventName\":\"CreateAccessKeys\"}"))).isFalse();
        assertThat(multiline.matches(record("{\"requestParameters\":{\"script\":\"set -e\\ncurl x\"}}"))).isTrue();
        assertThat(dotall.matches(record("{\"requestParameters\":{\"script\":\"a\\nb\"}}"))).isTrue();
        assertThat(selection("requestParameters.script|re: 'a.b'")
                .matches(record("{\"requestParameters\":{\"script\":\"a\\nb\"}}"))).isFalse();
    }

    @Test
    void cidrMatchesIpv4AndIpv6AddressesInTheRange() {
        SigmaRule rule = selection("sourceIPAddress|cidr:\n    - '10.0.0.0/8'\n    - '2001:db8::/32'");

        assertThat(rule.matches(record("{\"sourceIPAddress\":\"10.20.30.40\"}"))).isTrue();
        assertThat(rule.matches(record("{\"sourceIPAddress\":\"2001:db8:0:1::5\"}"))).isTrue();
        assertThat(rule.matches(record("{\"sourceIPAddress\":\"11.0.0.1\"}"))).isFalse();
        assertThat(rule.matches(record("{\"sourceIPAddress\":\"2001:db9::1\"}"))).isFalse();
        assertThat(rule.matches(record("{\"sourceIPAddress\":\"AWS Internal\"}"))).isFalse();
        assertThat(rule.matches(record("{\"sourceIPAddress\":\"ec2.amazonaws.com\"}"))).isFalse();
        assertThat(selection("sourceIPAddress|cidr: '192.168.1.128/25'")
                .matches(record("{\"sourceIPAddress\":\"192.168.1.127\"}"))).isFalse();
    }

    @Test
    void fieldrefComparesWithAnotherFieldOfTheSameRecord() {
        SigmaRule equal = selection("userIdentity.userName|fieldref: requestParameters.userName");
        SigmaRule contains = selection("userIdentity.arn|fieldref|contains: requestParameters.userName");
        SigmaRule cased = selection("userIdentity.userName|fieldref|cased: requestParameters.userName");

        assertThat(equal.matches(
                record("{\"userIdentity\":{\"userName\":\"Bob\"},\"requestParameters\":{\"userName\":\"bob\"}}")))
                        .isTrue();
        assertThat(equal.matches(
                record("{\"userIdentity\":{\"userName\":\"alice\"},\"requestParameters\":{\"userName\":\"bob\"}}")))
                        .isFalse();
        assertThat(equal.matches(record("{\"userIdentity\":{\"userName\":\"alice\"}}"))).isFalse();
        assertThat(contains.matches(record(
                "{\"userIdentity\":{\"arn\":\"arn:aws:iam::1:user/bob\"},\"requestParameters\":{\"userName\":\"bob\"}}")))
                        .isTrue();
        assertThat(cased.matches(
                record("{\"userIdentity\":{\"userName\":\"Bob\"},\"requestParameters\":{\"userName\":\"bob\"}}")))
                        .isFalse();
    }

    @Test
    void base64MatchesTheEncodedValue() {
        SigmaRule rule = selection("requestParameters.userData|base64|contains: '/bin/bash'");

        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"xxL2Jpbi9iYXNoyy\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"/bin/bash\"}}"))).isFalse();
        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"xxl2jpbi9iyxnoyy\"}}")))
                .as("base64 is compared case-sensitively").isFalse();
    }

    @Test
    void base64offsetMatchesTheValueAtAnyOfTheThreeByteOffsets() {
        // The Sigma specification's example: /bin/bash at offsets 0, 1 and 2 of a longer encoded text
        assertThat(FieldEntryCompiler.base64Offsets("/bin/bash")).containsExactly("L2Jpbi9iYXNo", "9iaW4vYmFza",
                "vYmluL2Jhc2");
        SigmaRule rule = selection("requestParameters.userData|base64offset|contains: '/bin/bash'");
        String atOffsetOne = java.util.Base64.getEncoder()
                .encodeToString("x/bin/bash -c id".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String atOffsetTwo = java.util.Base64.getEncoder()
                .encodeToString("#!/bin/bash".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"" + atOffsetOne + "\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"" + atOffsetTwo + "\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"IyEvYmluL3No\"}}"))).isFalse();
    }

    @Test
    void windashVariantsAreEncodedToo() {
        SigmaRule rule = selection("requestParameters.userData|windash|base64offset|contains: '/enc'");
        String dashed = java.util.Base64.getEncoder()
                .encodeToString("powershell -enc AAAA".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"" + dashed + "\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"cG93ZXJzaGVsbA==\"}}"))).isFalse();
    }

    @Test
    void escapedWildcardsAreEncodedAsTheLiteralCharacter() {
        SigmaRule rule = selection("requestParameters.userData|base64: 'a\\*b'");

        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"YSpi\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"userData\":\"YVwqYg==\"}}"))).isFalse();
    }

    @Test
    void numericComparisonsTakeNumbersAndNumericStrings() {
        SigmaRule gt = selection("requestParameters.fromPort|gt: 20");
        SigmaRule gte = selection("requestParameters.fromPort|gte: 22");
        SigmaRule lt = selection("requestParameters.fromPort|lt: 1024");
        SigmaRule lte = selection("requestParameters.fromPort|lte: '22'");

        assertThat(gt.matches(record("{\"requestParameters\":{\"fromPort\":22}}"))).isTrue();
        assertThat(gt.matches(record("{\"requestParameters\":{\"fromPort\":20}}"))).isFalse();
        assertThat(gte.matches(record("{\"requestParameters\":{\"fromPort\":\"22\"}}"))).isTrue();
        assertThat(gte.matches(record("{\"requestParameters\":{\"fromPort\":21.5}}"))).isFalse();
        assertThat(lt.matches(record("{\"requestParameters\":{\"fromPort\":80}}"))).isTrue();
        assertThat(lt.matches(record("{\"requestParameters\":{\"fromPort\":\"eighty\"}}"))).isFalse();
        assertThat(lte.matches(record("{\"requestParameters\":{\"fromPort\":22}}"))).isTrue();
        assertThat(lte.matches(record("{\"requestParameters\":{\"fromPort\":23}}"))).isFalse();
    }

    @Test
    void neqMatchesWhenNoValueEqualsAnyOfTheListedOnes() {
        SigmaRule rule = selection("userIdentity.type|neq:\n    - 'AssumedRole'\n    - 'AWSService'");

        assertThat(rule.matches(record("{\"userIdentity\":{\"type\":\"IAMUser\"}}"))).isTrue();
        assertThat(rule.matches(record("{}"))).isTrue();
        assertThat(rule.matches(record("{\"userIdentity\":{\"type\":\"assumedrole\"}}"))).isFalse();
        assertThat(rule.matches(record("{\"userIdentity\":{\"type\":\"AWSService\"}}"))).isFalse();
    }

    @Test
    void windashMatchesDashSlashAndUnicodeDashVariantsOfFlags() {
        SigmaRule rule = selection("requestParameters.commandLine|windash|contains: ' -enc '");

        assertThat(rule.matches(record("{\"requestParameters\":{\"commandLine\":\"powershell -enc AAA\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"commandLine\":\"powershell /enc AAA\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"commandLine\":\"powershell \u2013enc AAA\"}}")))
                .isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"commandLine\":\"powershell enc AAA\"}}"))).isFalse();
    }

    @Test
    void numbersAndBooleansInRecordsAreComparedByTheirJsonSpelling() {
        SigmaRule enable = selection("requestParameters.enable: 'false'");
        SigmaRule port = selection("requestParameters.fromPort: 22");

        assertThat(enable.matches(record("{\"requestParameters\":{\"enable\":false}}"))).isTrue();
        assertThat(enable.matches(record("{\"requestParameters\":{\"enable\":\"FALSE\"}}"))).isTrue();
        assertThat(enable.matches(record("{\"requestParameters\":{\"enable\":true}}"))).isFalse();
        assertThat(port.matches(record("{\"requestParameters\":{\"fromPort\":22}}"))).isTrue();
        assertThat(port.matches(record("{\"requestParameters\":{\"fromPort\":\"22\"}}"))).isTrue();
        assertThat(port.matches(record("{\"requestParameters\":{\"fromPort\":220}}"))).isFalse();
    }

    @Test
    void pathsLookThroughArraysAndMatchIfAnyElementMatches() {
        SigmaRule rule = selection("requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '0.0.0.0/0'");
        String open = "{\"requestParameters\":{\"ipPermissions\":{\"items\":[{\"ipRanges\":{\"items\":"
                + "[{\"cidrIp\":\"10.0.0.0/8\"}]}},{\"ipRanges\":{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"}]}}]}}}";
        String closed = open.replace("0.0.0.0/0", "192.168.0.0/16");

        assertThat(rule.matches(record(open))).isTrue();
        assertThat(rule.matches(record(closed))).isFalse();
        assertThat(selection("resources.ARN|endswith: ':trail/org'")
                .matches(record("{\"resources\":[{\"ARN\":\"a\"},{\"ARN\":\"arn:aws:cloudtrail:x:trail/org\"}]}")))
                        .isTrue();
    }

    @Test
    void keysContainingDotsAreReachedByTheDottedPath() {
        SigmaRule rule = selection("requestParameters.x-amz-acl.policy: 'public-read'");

        assertThat(rule.matches(record("{\"requestParameters\":{\"x-amz-acl.policy\":\"public-read\"}}"))).isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"x-amz-acl\":{\"policy\":\"public-read\"}}}")))
                .isTrue();
        assertThat(rule.matches(record("{\"requestParameters\":{\"x-amz-acl\":\"public-read\"}}"))).isFalse();
    }

    @Test
    void anObjectIsMatchedThroughItsJsonTextAndContainsAlsoSeesNestedStrings() {
        SigmaRule text = selection("requestParameters|contains: 'Suspended'");
        SigmaRule quoted = selection("requestParameters|contains: '\"Allow\"'");
        SigmaRule exact = selection("requestParameters: 'Suspended'");
        String nestedPolicy = "{\"requestParameters\":{\"policyDocument\":\"{\\\"Effect\\\":\\\"Allow\\\"}\"}}";

        assertThat(text
                .matches(record("{\"requestParameters\":{\"VersioningConfiguration\":{\"Status\":\"Suspended\"}}}")))
                        .isTrue();
        assertThat(
                text.matches(record("{\"requestParameters\":{\"VersioningConfiguration\":{\"Status\":\"Enabled\"}}}")))
                        .isFalse();
        assertThat(quoted.matches(record(nestedPolicy))).isTrue();
        assertThat(exact.matches(record("{\"requestParameters\":{\"Status\":\"Suspended\"}}")))
                .as("a whole-value test compares the object's JSON text only").isFalse();
    }

    @Test
    void matchesIsFalseForNullAndNonObjectInput() {
        SigmaRule rule = selection("eventName|exists: false");

        assertThat(rule.matches(null)).isFalse();
        assertThat(rule.matches(record("[]"))).isFalse();
        assertThat(rule.matches(record("\"text\""))).isFalse();
        assertThat(rule.matches(record("{}"))).isTrue();
    }
}
