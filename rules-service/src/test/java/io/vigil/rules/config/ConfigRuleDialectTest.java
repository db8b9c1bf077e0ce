package io.vigil.rules.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.rules.TestEvents;
import io.vigil.rules.dialect.ComplianceMatcher;
import io.vigil.rules.dialect.ComplianceResult;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.testing.TestInputs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config dialect's checks, parameters, tag scope and errors, on configuration items. */
class ConfigRuleDialectTest {

    private final ConfigRuleDialect dialect = new ConfigRuleDialect();

    @Test
    void aVolumeEncryptedWithAnotherKeyThanTheRequiredOneIsNonCompliant() {
        // Given
        ComplianceMatcher matcher = compile(
                "check: encrypted-volumes\nparameters: {kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/required'}");
        JsonNode volume = item(
                """
                        {"resourceType":"AWS::EC2::Volume","resourceId":"vol-1","ARN":"arn:aws:ec2:us-east-1:111122223333:volume/vol-1",
                         "configurationItemStatus":"OK","configurationStateId":"7","configurationItemCaptureTime":"2026-11-23T09:00:00.000Z",
                         "configuration":{"encrypted":true,"kmsKeyId":"arn:aws:kms:us-east-1:111122223333:key/other","attachments":[{"instanceId":"i-1"}]}}""");

        // When
        ComplianceResult result = matcher.evaluate(document(volume));

        // Then
        assertThat(result).isEqualTo(new ComplianceResult(ComplianceStatus.NON_COMPLIANT,
                "The volume is encrypted with KMS key 'arn:aws:kms:us-east-1:111122223333:key/other', not the required "
                        + "'arn:aws:kms:us-east-1:111122223333:key/required'.",
                "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "AWS::EC2::Volume", "7",
                java.time.Instant.parse("2026-11-23T09:00:00Z")));
    }

    @ParameterizedTest(name = "required {0}, volume key {1} -> {2}")
    @CsvSource(delimiter = '~',
            textBlock = """
                    1234abcd-12ab-34cd-56ef-1234567890ab ~ arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab ~ COMPLIANT
                    arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab ~ arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab ~ COMPLIANT
                    1234abcd-12ab-34cd-56ef-1234567890ab ~ arn:aws:kms:us-east-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab ~ NON_COMPLIANT
                    abcd-12ab-34cd-56ef-1234567890ab ~ arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab ~ NON_COMPLIANT
                    arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab ~ arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab ~ NON_COMPLIANT
                    """)
    void theRequiredKmsKeyMayBeGivenByItsIdOrItsArn(String required, String volumeKey, ComplianceStatus expected) {
        // Given
        ComplianceMatcher matcher = compile("check: encrypted-volumes\nparameters: {kmsKeyId: '" + required + "'}");
        JsonNode volume = item(
                """
                        {"resourceType":"AWS::EC2::Volume","resourceId":"vol-1","ARN":"arn:aws:ec2:us-east-1:111122223333:volume/vol-1",
                         "configurationItemStatus":"OK","configuration":{"encrypted":true,"kmsKeyId":"%s","attachments":[{"instanceId":"i-1"}]}}"""
                        .formatted(volumeKey));

        // When
        ComplianceResult result = matcher.evaluate(document(volume));

        // Then
        assertThat(result.status()).isEqualTo(expected);
    }

    /**
     * Bucket policies on a bucket without default encryption: only a Deny of unencrypted puts to everyone, on every
     * object of the bucket, with no other condition, counts.
     */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    Null true ~ `{"Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":"s3:PutObject","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ COMPLIANT
                    Null as a JSON boolean ~ `{"Effect":"Deny","Principal":{"AWS":"*"},"Resource":"arn:aws:s3:::b/*","Action":["s3:PutObject"],"Condition":{"Null":{"s3:x-amz-server-side-encryption":true}}}` ~ COMPLIANT
                    StringNotEquals AES256 ~ `{"Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":"s3:PutObject","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"AES256"}}}` ~ COMPLIANT
                    s3:Put* and s3:* ~ `{"Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":["s3:Put*","s3:*"],"Condition":{"StringNotEqualsIgnoreCase":{"s3:x-amz-server-side-encryption":["aes256","aws:kms"]}}}` ~ COMPLIANT
                    StringEquals denies encrypted puts ~ `{"Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":"s3:PutObject","Condition":{"StringEquals":{"s3:x-amz-server-side-encryption":"AES256"}}}` ~ NON_COMPLIANT
                    Null false denies encrypted puts ~ `{"Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":"s3:PutObject","Condition":{"Null":{"s3:x-amz-server-side-encryption":"false"}}}` ~ NON_COMPLIANT
                    the KMS key id header only ~ `{"Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":"s3:PutObject","Condition":{"Null":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"true"}}}` ~ NON_COMPLIANT
                    one principal only ~ `{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Resource":"arn:aws:s3:::b/*","Action":"s3:PutObject","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    GetObject only ~ `{"Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":"s3:GetObject","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    Allow ~ `{"Effect":"Allow","Principal":"*","Resource":"arn:aws:s3:::b/*","Action":"s3:PutObject","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    Resource * ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ COMPLIANT
                    the objects among other resources ~ `{"Effect":"Deny","Principal":"*","Action":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ COMPLIANT
                    StringNotEqualsIfExists aws:kms:dsse ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEqualsIfExists":{"s3:x-amz-server-side-encryption":["AES256","aws:kms","aws:kms:dsse"]}}}` ~ COMPLIANT
                    an extra aws:SourceAccount condition ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}` ~ NON_COMPLIANT
                    an extra key under the same operator ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"AES256","aws:PrincipalAccount":"111122223333"}}}` ~ NON_COMPLIANT
                    a prefix-only Resource ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/logs/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    the bucket ARN only ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    another bucket ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::other/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    no Resource ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    NotResource ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","NotResource":"arn:aws:s3:::b/public/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    NotPrincipal ~ `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    NotAction ~ `{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ NON_COMPLIANT
                    no condition ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}` ~ NON_COMPLIANT
                    StringNotEquals against another value ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"none"}}}` ~ NON_COMPLIANT
                    """)
    void aBucketPolicyCountsOnlyWhenItDeniesUnencryptedPutsToEveryone(String name, String statement,
            ComplianceStatus expected) {
        // Given
        ComplianceMatcher matcher = compile("check: s3-bucket-server-side-encryption-enabled");
        ObjectNode bucket = item(
                """
                        {"resourceType":"AWS::S3::Bucket","resourceId":"b","ARN":"arn:aws:s3:::b","configurationItemStatus":"OK",
                         "configuration":{"name":"b"},"supplementaryConfiguration":{"BucketPolicy":{"policyText":null}}}""");
        ((ObjectNode) bucket.path("supplementaryConfiguration").path("BucketPolicy")).put("policyText",
                "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");

        // When
        ComplianceResult result = matcher.evaluate(document(bucket));

        // Then
        assertThat(result.status()).isEqualTo(expected);
    }

    /** A non-compliant annotation names each Deny statement of the policy and why it did not count. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    an extra condition key ~ `{"Sid":"Deny1","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}` ~ statement 'Deny1' also has the Condition [StringEquals aws:SourceAccount], which narrows the Deny (conditions are ANDed)
                    a prefix-only Resource ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/logs/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ statement 1 has a Resource [arn:aws:s3:::b/logs/*] that does not cover arn:aws:s3:::b/*
                    NotPrincipal ~ `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}` ~ statement 1 has a NotPrincipal, which exempts the principals it names
                    StringEquals ~ `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"s3:x-amz-server-side-encryption":"AES256"}}}` ~ statement 1 has the Condition StringEquals s3:x-amz-server-side-encryption, which is not Null or StringNotEquals, so it does not deny puts without the header
                    only an Allow ~ `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}` ~ the policy has no Deny statement
                    """)
    void aNonCompliantBucketSaysWhyItsPolicyDidNotCount(String name, String statement, String reason) {
        // Given
        ComplianceMatcher matcher = compile("check: s3-bucket-server-side-encryption-enabled");
        ObjectNode bucket = bucketWithPolicy("arn:aws:s3:::b", statement);

        // When
        ComplianceResult result = matcher.evaluate(document(bucket));

        // Then
        assertThat(result.status()).isEqualTo(ComplianceStatus.NON_COMPLIANT);
        assertThat(result.annotation()).isEqualTo("The bucket has no default encryption and its policy does not "
                + "deny unencrypted PutObject requests: " + reason + ".");
    }

    @Test
    void theRequiredResourceIsInTheBucketsPartition() {
        // Given
        ComplianceMatcher matcher = compile("check: s3-bucket-server-side-encryption-enabled");
        String deny = """
                {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"%s",\
                "Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}""";
        ObjectNode govBucket = bucketWithPolicy("arn:aws-us-gov:s3:::b", deny.formatted("arn:aws-us-gov:s3:::b/*"));
        ObjectNode otherPartition = bucketWithPolicy("arn:aws-us-gov:s3:::b", deny.formatted("arn:aws:s3:::b/*"));

        // When
        ComplianceResult gov = matcher.evaluate(document(govBucket));
        ComplianceResult other = matcher.evaluate(document(otherPartition));

        // Then
        assertThat(gov.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(other.status()).isEqualTo(ComplianceStatus.NON_COMPLIANT);
    }

    private static ObjectNode bucketWithPolicy(String arn, String statement) {
        ObjectNode bucket = item(
                """
                        {"resourceType":"AWS::S3::Bucket","resourceId":"b","ARN":"%s","configurationItemStatus":"OK",
                         "configuration":{"name":"b"},"supplementaryConfiguration":{"BucketPolicy":{"policyText":null}}}"""
                        .formatted(arn));
        ((ObjectNode) bucket.path("supplementaryConfiguration").path("BucketPolicy")).put("policyText",
                "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");
        return bucket;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            arn:aws:iam::aws:policy/AdministratorAccess, NOT_APPLICABLE
            arn:aws-us-gov:iam::aws:policy/AdministratorAccess, NOT_APPLICABLE
            arn:aws-cn:iam::aws:policy/AdministratorAccess, NOT_APPLICABLE
            arn:aws-us-gov:iam::111122223333:policy/aws, NON_COMPLIANT
            """)
    void awsManagedPoliciesAreNotApplicableInEveryPartition(String arn, ComplianceStatus expected) {
        // Given
        ComplianceMatcher matcher = compile("check: iam-policy-no-statements-with-admin-access");
        JsonNode policy = item(
                """
                        {"resourceType":"AWS::IAM::Policy","resourceId":"P1","ARN":"%s","configurationItemStatus":"OK",
                         "configuration":{"policyVersionList":[{"document":"%s","versionId":"v1","isDefaultVersion":true}]}}"""
                        .formatted(arn, URLEncoder.encode(
                                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                                StandardCharsets.UTF_8)));

        // When
        ComplianceResult result = matcher.evaluate(document(policy));

        // Then
        assertThat(result.status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "scope {0}, tags {1} -> {2}")
    @CsvSource(delimiter = '~', textBlock = """
            {Environment: prod} ~ {"Environment":"prod"} ~ NON_COMPLIANT
            {Environment: prod} ~ {"Environment":"dev"} ~ NOT_APPLICABLE
            {Environment: prod} ~ {} ~ NOT_APPLICABLE
            {Environment: '*'} ~ {"Environment":"dev"} ~ NON_COMPLIANT
            {} ~ {} ~ NON_COMPLIANT
            """)
    void aRuleScopedByTagEvaluatesOnlyResourcesCarryingTheTag(String scope, String tags, ComplianceStatus expected)
            throws Exception {
        // Given
        ComplianceMatcher matcher = compile("check: cloud-trail-log-file-validation-enabled\nscope:\n  tags: " + scope);
        ObjectNode trail = item(
                """
                        {"resourceType":"AWS::CloudTrail::Trail","resourceId":"main","ARN":"arn:aws:cloudtrail:us-east-1:111122223333:trail/main",
                         "configurationItemStatus":"OK","configuration":{"logFileValidationEnabled":false}}""");
        trail.set("tags", ContractJson.mapper().readTree(tags));

        // When
        ComplianceResult result = matcher.evaluate(document(trail));

        // Then
        assertThat(result.status()).isEqualTo(expected);
        if (expected == ComplianceStatus.NOT_APPLICABLE) {
            assertThat(result.annotation()).isEqualTo("Out of scope: the resource has no tag Environment=prod.");
        }
    }

    @Test
    void aUrlEncodedAdminPolicyDocumentIsDecodedAndOnlyTheDefaultVersionCounts() {
        // Given
        ComplianceMatcher matcher = compile("check: iam-policy-no-statements-with-admin-access");
        String admin = URLEncoder.encode("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"*\"],\"Resource\":\"*\"}}",
                StandardCharsets.UTF_8);
        String scoped = URLEncoder.encode(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}",
                StandardCharsets.UTF_8);
        JsonNode adminIsOld = item(
                """
                        {"resourceType":"AWS::IAM::Policy","resourceId":"P1","ARN":"arn:aws:iam::111122223333:policy/p1","configurationItemStatus":"OK",
                         "configuration":{"policyVersionList":[{"document":"%s","versionId":"v1","isDefaultVersion":false},
                                                               {"document":"%s","versionId":"v2","isDefaultVersion":true}]}}"""
                        .formatted(admin, scoped));
        JsonNode adminIsDefault = item(
                """
                        {"resourceType":"AWS::IAM::Policy","resourceId":"P1","ARN":"arn:aws:iam::111122223333:policy/p1","configurationItemStatus":"OK",
                         "configuration":{"policyVersionList":[{"document":"%s","versionId":"v3","isDefaultVersion":true}]}}"""
                        .formatted(admin));

        // When
        ComplianceResult old = matcher.evaluate(document(adminIsOld));

        // Then
        assertThat(old.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        ComplianceResult current = matcher.evaluate(document(adminIsDefault));
        assertThat(current.status()).isEqualTo(ComplianceStatus.NON_COMPLIANT);
        assertThat(current.annotation()).isEqualTo("The default version (v3) allows '*' actions on '*' resources: full "
                + "administrator access.");
    }

    @Test
    void customBlockedPortsReplaceTheDefaults() {
        // Given
        ComplianceMatcher custom = compile("check: restricted-common-ports\nparameters: {blockedPorts: [8080]}");
        ComplianceMatcher defaults = compile("check: restricted-common-ports");
        JsonNode group = item(
                """
                        {"resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-1","ARN":"arn:aws:ec2:us-east-1:111122223333:security-group/sg-1",
                         "configurationItemStatus":"OK","configuration":{"ipPermissions":[
                           {"ipProtocol":"tcp","fromPort":8000,"toPort":8100,"ipv4Ranges":[{"cidrIp":"0.0.0.0/0"}]}]}}""");

        // When
        ComplianceResult result = custom.evaluate(document(group));

        // Then
        assertThat(result.status()).isEqualTo(ComplianceStatus.NON_COMPLIANT);
        assertThat(result.annotation())
                .isEqualTo("Open to the internet: port 8080 (TCP ports 8000-8100 from 0.0.0.0/0).");
        assertThat(defaults.evaluate(document(group)).status()).isEqualTo(ComplianceStatus.COMPLIANT);
    }

    @Test
    void anEventThatIsNotAConfigurationItemOfTheTypeIsNotEvaluated() {
        // Given
        ComplianceMatcher matcher = compile("check: restricted-ssh");
        JsonNode volume = item(
                """
                        {"resourceType":"AWS::EC2::Volume","resourceId":"vol-1","configurationItemStatus":"OK","configuration":{}}""");

        // When
        ComplianceResult otherType = matcher.evaluate(document(volume));

        // Then
        assertThat(otherType).isNull();
        assertThat(matcher.evaluate(EventDocument.of(TestEvents.sample(TestEvents.STOP_LOGGING)))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    check: open-buckets ~ config rule body: field 'check': unknown check 'open-buckets'; known checks: encrypted-volumes, s3-bucket-server-side-encryption-enabled, restricted-ssh, restricted-common-ports, iam-policy-no-statements-with-admin-access, cloud-trail-log-file-validation-enabled
                    `check: restricted-common-ports\nparameters: {blockedPorts: [70000]}` ~ config rule body: field 'parameters.blockedPorts': '70000' is not a port number (0-65535)
                    `check: restricted-ssh\nparameters: {port: 22}` ~ config rule body: parameters: unknown field 'port'; known fields: none
                    `check: restricted-ssh\nscope: {account: x}` ~ config rule body: scope: unknown field 'account'; known fields: tags
                    """)
    void anInvalidBodyIsRejectedNamingTheField(String body, String message) {
        // Given
        Rule rule = rule(body.replace("\\n", "\n"));

        // When
        Throwable thrown = catchThrowable(() -> dialect.compile(rule));

        // Then
        assertThat(thrown).isInstanceOf(RuleCompileException.class).hasMessage(message);
    }

    private ComplianceMatcher compile(String body) {
        return (ComplianceMatcher) dialect.compile(rule(body));
    }

    private static Rule rule(String body) {
        return new Rule("cfg", "cfg", null, Severity.HIGH, true, ConfigRuleDialect.NAME, body, List.of(), List.of(),
                null);
    }

    private static ObjectNode item(String json) {
        try {
            return (ObjectNode) ContractJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EventDocument document(JsonNode item) {
        return EventDocument.of(TestInputs.normalize(new RuleTest("t", TestInput.CONFIG_ITEM, item, false, null)));
    }
}
