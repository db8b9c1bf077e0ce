package io.vigil.rules.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Like the AWS managed rule {@code s3-bucket-server-side-encryption-enabled}: a bucket must have default encryption,
 * or a bucket policy that denies {@code s3:PutObject} requests without server-side encryption (a Deny statement
 * for every principal whose condition holds when {@code s3:x-amz-server-side-encryption} is absent).
 */
record S3DefaultEncryptionCheck() implements ResourceCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENCRYPTION_HEADER = "s3:x-amz-server-side-encryption";
    private static final Set<String> NEGATED_STRING_OPERATORS = Set.of("StringNotEquals",
            "StringNotEqualsIgnoreCase", "StringNotLike");

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
        if (policy != null && deniesUnencryptedPuts(policy)) {
            return Verdict.compliant("The bucket policy denies unencrypted PutObject requests.");
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
     * A statement denies unencrypted puts when it is a Deny for every principal, its actions cover
     * {@code s3:PutObject}, and its condition holds for a request without the encryption header: {@code Null} on
     * {@code s3:x-amz-server-side-encryption} is {@code true}, or a negated string operator ({@code StringNotEquals},
     * {@code StringNotEqualsIgnoreCase}, {@code StringNotLike}) tests that key, since IAM evaluates a negated
     * operator on an absent key to true. A Deny whose condition requires the header ({@code StringEquals}) denies
     * encrypted puts instead, and one for a single principal leaves the others free: neither counts.
     */
    private static boolean deniesUnencryptedPuts(JsonNode policy) {
        for (JsonNode statement : PolicyDocuments.statements(policy)) {
            if ("Deny".equals(statement.path("Effect").asText()) && everyone(statement.path("Principal"))
                    && PolicyDocuments.values(statement.path("Action")).stream()
                            .anyMatch(S3DefaultEncryptionCheck::coversPutObject)
                    && holdsWithoutEncryptionHeader(statement.path("Condition"))) {
                return true;
            }
        }
        return false;
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

    private static boolean holdsWithoutEncryptionHeader(JsonNode condition) {
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            String name = operator.getKey();
            for (Map.Entry<String, JsonNode> test : operator.getValue().properties()) {
                if (!test.getKey().equalsIgnoreCase(ENCRYPTION_HEADER)) {
                    continue;
                }
                if (name.equals("Null") && PolicyDocuments.values(test.getValue()).stream()
                        .anyMatch(value -> value.equalsIgnoreCase("true"))) {
                    return true;
                }
                if (NEGATED_STRING_OPERATORS.contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
