package io.vigil.rules.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Like the AWS managed rule {@code iam-policy-no-statements-with-admin-access}: the default version of a
 * customer-managed policy must not allow {@code *} actions on {@code *} resources. Config records the documents
 * URL-encoded; AWS-managed policies ({@code arn:<partition>:iam::aws:policy/...}, in every partition) are not
 * applicable.
 */
record IamAdminPolicyCheck() implements ResourceCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AWS_MANAGED = Pattern.compile("^arn:[^:]+:iam::aws:policy/.*");

    @Override
    public String resourceType() {
        return "AWS::IAM::Policy";
    }

    @Override
    public Verdict check(ConfigurationItem item) {
        if (AWS_MANAGED.matcher(item.arn()).matches()) {
            return Verdict.notApplicable("AWS-managed policy.");
        }
        JsonNode defaultVersion = null;
        for (JsonNode version : item.configuration().path("policyVersionList")) {
            if (version.path("isDefaultVersion").asBoolean(false)) {
                defaultVersion = version;
            }
        }
        if (defaultVersion == null) {
            return Verdict.notApplicable("The configuration item has no default policy version.");
        }
        JsonNode document = document(defaultVersion.path("document"));
        if (document == null) {
            return Verdict.notApplicable("The default policy version's document cannot be read.");
        }
        for (JsonNode statement : PolicyDocuments.statements(document)) {
            boolean allow = "Allow".equals(statement.path("Effect").asText());
            boolean anyAction = PolicyDocuments.values(statement.path("Action")).contains("*");
            boolean anyResource = PolicyDocuments.values(statement.path("Resource")).contains("*");
            if (allow && anyAction && anyResource) {
                return Verdict.nonCompliant("The default version (" + defaultVersion.path("versionId").asText("?")
                        + ") allows '*' actions on '*' resources: full administrator access.");
            }
        }
        return Verdict.compliant("No statement allows '*' actions on '*' resources.");
    }

    private static JsonNode document(JsonNode node) {
        if (node.isObject()) {
            return node;
        }
        if (!node.isTextual()) {
            return null;
        }
        String text = node.textValue().trim();
        try {
            return JSON.readTree(text.startsWith("{") ? text : URLDecoder.decode(text, StandardCharsets.UTF_8));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
