package io.vigil.rules.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Like the AWS managed rule {@code s3-bucket-server-side-encryption-enabled}: a bucket must have default encryption,
 * or a bucket policy that denies {@code s3:PutObject} requests without server-side encryption (a Deny statement
 * with a condition on {@code s3:x-amz-server-side-encryption}).
 */
record S3DefaultEncryptionCheck() implements ResourceCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static boolean deniesUnencryptedPuts(JsonNode policy) {
        for (JsonNode statement : PolicyDocuments.statements(policy)) {
            if (!"Deny".equals(statement.path("Effect").asText())) {
                continue;
            }
            boolean put = PolicyDocuments.values(statement.path("Action")).stream()
                    .anyMatch(a -> a.equals("*") || a.equalsIgnoreCase("s3:*") || a.equalsIgnoreCase("s3:PutObject"));
            if (put && statement.path("Condition").toString().toLowerCase(Locale.ROOT)
                    .contains("s3:x-amz-server-side-encryption")) {
                return true;
            }
        }
        return false;
    }
}
