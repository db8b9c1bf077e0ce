package io.vigil.rules.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Like the AWS managed rule {@code s3-bucket-server-side-encryption-enabled}: a bucket must have default encryption,
 * or a bucket policy that denies {@code s3:PutObject} requests without server-side encryption: a Deny statement
 * for every principal, on every object of the bucket, whose only condition holds when
 * {@code s3:x-amz-server-side-encryption} is absent. A non-compliant annotation says why each Deny did not count.
 */
record S3DefaultEncryptionCheck() implements ResourceCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENCRYPTION_HEADER = "s3:x-amz-server-side-encryption";
    private static final Set<String> NEGATED_EQUALS_OPERATORS = Set.of("StringNotEquals",
            "StringNotEqualsIfExists", "StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCaseIfExists");
    private static final List<String> ENCRYPTION_ALGORITHMS = List.of("AES256", "aws:kms", "aws:kms:dsse");

    @Override
    public String resourceType() {
        return "AWS::S3::Bucket";
    }

    @Override
    public Verdict check(ConfigurationItem item) {
        JsonNode rules = item.supplementaryConfiguration().path("ServerSideEncryptionConfiguration").path("rules");
        for (JsonNode rule : rules) {
            String algorithm = rule.path("applyServerSideEncryptionByDefault").path("sseAlgorithm").asText("");
            if (!algorithm.isBlank()) {
                return Verdict.compliant("Default encryption is enabled (" + algorithm + ").");
            }
        }
        JsonNode policy = policy(item.supplementaryConfiguration().path("BucketPolicy").path("policyText"));
        if (policy != null) {
            String reason = whyPolicyDoesNotCount(policy, item);
            if (reason == null) {
                return Verdict.compliant("The bucket policy denies unencrypted PutObject requests.");
            }
            return Verdict.nonCompliant("The bucket has no default encryption and its policy does not deny "
                    + "unencrypted PutObject requests: " + reason + ".");
        }
        return Verdict.nonCompliant("The bucket has no default encryption and its policy does not deny unencrypted "
                + "PutObject requests.");
    }

    /** Config writes the policy as a JSON string, sometimes URL-encoded, or as an object. */
    private static JsonNode policy(JsonNode text) {
        if (text.isObject()) {
            return text;
        }
        if (!text.isTextual() || text.textValue().isBlank()) {
            return null;
        }
        String value = text.textValue().trim();
        if (!value.startsWith("{")) {
            value = URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The policy counts when one of its statements denies unencrypted puts (see {@link #whyNotCounted}).
     *
     * @return null when the policy counts, otherwise why it does not, one clause per Deny statement
     */
    private static String whyPolicyDoesNotCount(JsonNode policy, ConfigurationItem item) {
        String objects = objectsArn(item);
        List<String> reasons = new ArrayList<>();
        List<JsonNode> statements = PolicyDocuments.statements(policy);
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            if (!"Deny".equals(statement.path("Effect").asText())) {
                continue;
            }
            String reason = whyNotCounted(statement, objects);
            if (reason == null) {
                return null;
            }
            reasons.add(label(statement, i) + " " + reason);
        }
        return reasons.isEmpty() ? "the policy has no Deny statement" : String.join("; ", reasons);
    }

    /**
     * A Deny statement denies unencrypted puts when it names every principal ({@code "*"} or {@code {"AWS": "*"}},
     * no {@code NotPrincipal}, which would exempt the principals it names), its {@code Action} covers
     * {@code s3:PutObject} (no {@code NotAction}), its {@code Resource} covers every object of the bucket
     * ({@code arn:<partition>:s3:::<bucket>/*} or {@code *}; a prefix such as {@code <bucket>/logs/*} leaves the rest
     * free), and its only condition is the unencrypted-put test: {@code Null} on
     * {@code s3:x-amz-server-side-encryption} is {@code true}, or {@code StringNotEquals} (also {@code IgnoreCase},
     * {@code IfExists}) of that key against
     * {@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}, which IAM evaluates to true when the key is absent. Any
     * other condition is ANDed with the test and narrows the Deny, so the statement does not count.
     *
     * @return null when the statement counts, otherwise why not
     */
    private static String whyNotCounted(JsonNode statement, String objects) {
        if (statement.has("NotPrincipal")) {
            return "has a NotPrincipal, which exempts the principals it names";
        }
        if (!everyone(statement.path("Principal"))) {
            return "denies only some principals, not \"*\"";
        }
        if (statement.has("NotAction")) {
            return "uses NotAction instead of an Action covering s3:PutObject";
        }
        if (PolicyDocuments.values(statement.path("Action")).stream()
                .noneMatch(S3DefaultEncryptionCheck::coversPutObject)) {
            return "has no Action covering s3:PutObject";
        }
        if (statement.has("NotResource")) {
            return "uses NotResource instead of a Resource covering " + objects;
        }
        List<String> resources = PolicyDocuments.values(statement.path("Resource"));
        if (resources.stream().noneMatch(resource -> coversObjects(resource, objects))) {
            return "has a Resource " + resources + " that does not cover " + objects;
        }
        return whyConditionIsNotTheTest(statement.path("Condition"));
    }

    private static String whyConditionIsNotTheTest(JsonNode condition) {
        List<String> headerTests = new ArrayList<>();
        List<String> otherTests = new ArrayList<>();
        String verdict = null;
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            for (Map.Entry<String, JsonNode> test : operator.getValue().properties()) {
                String described = operator.getKey() + " " + test.getKey();
                if (test.getKey().equalsIgnoreCase(ENCRYPTION_HEADER)) {
                    headerTests.add(described);
                    verdict = whyTestDoesNotHoldWithoutHeader(operator.getKey(), test.getValue());
                } else {
                    otherTests.add(described);
                }
            }
        }
        if (headerTests.isEmpty()) {
            return otherTests.isEmpty()
                    ? "has no Condition testing " + ENCRYPTION_HEADER
                    : "has a Condition " + otherTests + " that does not test " + ENCRYPTION_HEADER;
        }
        if (!otherTests.isEmpty()) {
            return "also has the Condition " + otherTests + ", which narrows the Deny (conditions are ANDed)";
        }
        if (headerTests.size() > 1) {
            return "tests " + ENCRYPTION_HEADER + " more than once " + headerTests;
        }
        return verdict == null ? null : "has the Condition " + headerTests.get(0) + ", which " + verdict;
    }

    /** @return null when the test holds exactly for a put without the encryption header, otherwise why not */
    private static String whyTestDoesNotHoldWithoutHeader(String operator, JsonNode value) {
        List<String> values = PolicyDocuments.values(value);
        if (operator.equals("Null")) {
            return !values.isEmpty() && values.stream().allMatch(v -> v.equalsIgnoreCase("true"))
                    ? null
                    : "is not true, so it does not deny puts without the header";
        }
        if (!NEGATED_EQUALS_OPERATORS.contains(operator)) {
            return "is not Null or StringNotEquals, so it does not deny puts without the header";
        }
        boolean ignoreCase = operator.contains("IgnoreCase");
        boolean algorithms = !values.isEmpty() && values.stream().allMatch(v -> ENCRYPTION_ALGORITHMS.stream()
                .anyMatch(algorithm -> ignoreCase ? algorithm.equalsIgnoreCase(v) : algorithm.equals(v)));
        return algorithms ? null : "compares against " + values + ", not " + ENCRYPTION_ALGORITHMS;
    }

    private static String label(JsonNode statement, int index) {
        String sid = statement.path("Sid").asText("");
        return sid.isBlank() ? "statement " + (index + 1) : "statement '" + sid + "'";
    }

    /** @return {@code arn:<partition>:s3:::<bucket>/*}, the partition taken from the item's ARN */
    private static String objectsArn(ConfigurationItem item) {
        String bucket = item.configuration().path("name").asText("");
        if (bucket.isBlank()) {
            bucket = item.item().path("resourceName").asText("");
        }
        if (bucket.isBlank()) {
            bucket = item.item().path("resourceId").asText("");
        }
        String[] arn = item.arn().split(":", -1);
        String partition = arn.length > 2 && arn[0].equals("arn") && !arn[1].isBlank() ? arn[1] : "aws";
        return "arn:" + partition + ":s3:::" + bucket + "/*";
    }

    private static boolean coversObjects(String resource, String objects) {
        return resource.equals("*") || resource.equals(objects);
    }

    private static boolean everyone(JsonNode principal) {
        if (principal.isTextual()) {
            return principal.textValue().equals("*");
        }
        return PolicyDocuments.values(principal.path("AWS")).contains("*");
    }

    /** IAM action names are case-insensitive; {@code *} matches any run of characters and {@code ?} one. */
    private static boolean coversPutObject(String action) {
        StringBuilder regex = new StringBuilder();
        for (char c : action.toLowerCase(Locale.ROOT).toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), "s3:putobject");
    }
}
