package io.vigil.rules.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.rules.dialect.ComplianceMatcher;
import io.vigil.rules.dialect.ComplianceResult;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Config resource rules: a built-in check evaluated on every configuration item of its resource type, giving
 * COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE with an annotation. The body is a YAML mapping:
 *
 * <pre>
 * check: restricted-common-ports      # see CHECKS
 * parameters: {blockedPorts: [20, 21, 3389, 3306, 4333]}
 * scope:
 *   tags: {Environment: prod}         # only resources carrying these tags ('*' = any value); others NOT_APPLICABLE
 * </pre>
 *
 * A deleted resource is NOT_APPLICABLE, as is an oversized item whose configuration Config delivered only to S3.
 */
@ApplicationScoped
@Named(ConfigRuleDialect.NAME)
public class ConfigRuleDialect implements RuleDialect {

    /** The dialect name rules use. */
    public static final String NAME = "config";

    /** The built-in checks, by the name of the AWS managed rule they follow. */
    static final List<String> CHECKS = List.of("encrypted-volumes", "s3-bucket-server-side-encryption-enabled",
            "restricted-ssh", "restricted-common-ports", "iam-policy-no-statements-with-admin-access",
            "cloud-trail-log-file-validation-enabled");
    private static final Set<String> FIELDS = Set.of("check", "parameters", "scope");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Override
    public RuleMatcher compile(Rule rule) {
        JsonNode body;
        try {
            body = YAML.readTree(rule.body());
        } catch (JsonProcessingException e) {
            throw new RuleCompileException("config rule body is not YAML: " + e.getOriginalMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new RuleCompileException("config rule body must be a mapping with 'check'");
        }
        rejectUnknown(body, FIELDS, "config rule body");
        String name = body.path("check").asText("");
        JsonNode parameters = body.path("parameters");
        ResourceCheck check = check(name, parameters);
        Map<String, String> tags = scopeTags(body.path("scope"));
        String type = check.resourceType();
        Prefilter prefilter = new Prefilter(List.of(
                "{\"source\":[\"aws.config\"],\"detail\":{\"configurationItem\":{\"resourceType\":[\"" + type
                        + "\"]}}}",
                "{\"source\":[\"aws.config\"],\"detail\":{\"configurationItemSummary\":{\"resourceType\":[\"" + type
                        + "\"]}}}"),
                false, false);
        return new ConfigMatcher(check, tags, prefilter);
    }

    private static ResourceCheck check(String name, JsonNode parameters) {
        return switch (name) {
            case "encrypted-volumes" -> {
                rejectUnknown(parameters, Set.of("kmsKeyId"), "parameters");
                JsonNode key = parameters.path("kmsKeyId");
                yield new EncryptedVolumesCheck(key.isTextual() ? key.textValue() : null);
            }
            case "s3-bucket-server-side-encryption-enabled" -> {
                rejectUnknown(parameters, Set.of(), "parameters");
                yield new S3DefaultEncryptionCheck();
            }
            case "restricted-ssh" -> {
                rejectUnknown(parameters, Set.of(), "parameters");
                yield new RestrictedPortsCheck(List.of(22));
            }
            case "restricted-common-ports" -> {
                rejectUnknown(parameters, Set.of("blockedPorts"), "parameters");
                yield new RestrictedPortsCheck(ports(parameters.path("blockedPorts")));
            }
            case "iam-policy-no-statements-with-admin-access" -> {
                rejectUnknown(parameters, Set.of(), "parameters");
                yield new IamAdminPolicyCheck();
            }
            case "cloud-trail-log-file-validation-enabled" -> {
                rejectUnknown(parameters, Set.of(), "parameters");
                yield new CloudTrailLogFileValidationCheck();
            }
            default -> throw new RuleCompileException("config rule body: field 'check': unknown check '" + name
                    + "'; known checks: " + String.join(", ", CHECKS));
        };
    }

    private static List<Integer> ports(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return RestrictedPortsCheck.COMMON_PORTS;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new RuleCompileException("config rule body: field 'parameters.blockedPorts': expected a list of "
                    + "port numbers");
        }
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : node) {
            if (!port.canConvertToInt() || port.asInt() < 0 || port.asInt() > 65535) {
                throw new RuleCompileException("config rule body: field 'parameters.blockedPorts': '" + port.asText()
                        + "' is not a port number (0-65535)");
            }
            ports.add(port.asInt());
        }
        return ports;
    }

    private static Map<String, String> scopeTags(JsonNode scope) {
        if (scope.isMissingNode() || scope.isNull()) {
            return Map.of();
        }
        rejectUnknown(scope, Set.of("tags"), "scope");
        JsonNode tags = scope.path("tags");
        if (!tags.isObject()) {
            throw new RuleCompileException("config rule body: field 'scope.tags': expected a mapping of tag keys to "
                    + "values ('*' for any value)");
        }
        Map<String, String> scoped = new LinkedHashMap<>();
        tags.properties().forEach(e -> scoped.put(e.getKey(), e.getValue().asText()));
        return scoped;
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new RuleCompileException("config rule body: " + where + ": expected a mapping");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new RuleCompileException("config rule body: " + where + ": unknown field '" + name
                        + "'; known fields: " + (known.isEmpty()
                                ? "none"
                                : String.join(", ", known.stream().sorted()
                                        .toList())));
            }
        }
    }

    /** Evaluates items of the check's resource type in the tag scope. */
    record ConfigMatcher(ResourceCheck check, Map<String, String> scopeTags, Prefilter prefilter)
            implements
                ComplianceMatcher {

        @Override
        public ComplianceResult evaluate(EventDocument document) {
            ConfigurationItem item = ConfigurationItem.of(document);
            if (item == null || !check.resourceType().equals(item.resourceType())) {
                return null;
            }
            ResourceCheck.Verdict verdict = verdict(item);
            return new ComplianceResult(verdict.status(), verdict.annotation(), item.arn(), item.resourceType(),
                    item.stateId(), item.capturedAt());
        }

        private ResourceCheck.Verdict verdict(ConfigurationItem item) {
            if (item.deleted()) {
                return ResourceCheck.Verdict.notApplicable("The resource was deleted.");
            }
            for (Map.Entry<String, String> tag : scopeTags.entrySet()) {
                JsonNode value = item.tags().get(tag.getKey());
                if (value == null || (!tag.getValue().equals("*") && !tag.getValue().equals(value.asText()))) {
                    return ResourceCheck.Verdict.notApplicable("Out of scope: the resource has no tag " + tag.getKey()
                            + "=" + tag.getValue() + ".");
                }
            }
            if (item.oversized()) {
                return ResourceCheck.Verdict.notApplicable("Config delivered only a summary of this oversized "
                        + "configuration item; its configuration is in S3 and was not evaluated.");
            }
            return check.check(item);
        }
    }
}
