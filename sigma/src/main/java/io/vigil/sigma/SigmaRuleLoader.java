package io.vigil.sigma;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Sigma rules for AWS CloudTrail from YAML. A rule is loaded whole or rejected with a {@link SigmaRuleException}
 * naming the rule, the location and the feature; a loaded rule holds its compiled detection and prefilter. Stateless
 * and thread-safe.
 */
public final class SigmaRuleLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SigmaRuleLoader() {
    }

    /**
     * Loads one rule from its YAML text.
     *
     * @throws SigmaRuleException
     *             if the text is not a single Sigma rule this library can evaluate
     */
    public static SigmaRule load(String yaml) {
        JsonNode document = readSingleDocument(yaml);
        RuleContext rule = new RuleContext(text(document, "title"), text(document, "id"));
        if (document.has("correlation") || "correlation".equals(text(document, "type"))) {
            throw rule.error(SigmaRuleException.Reason.AGGREGATION, "correlation",
                    "correlation rules are not supported: they count or relate matches over time windows");
        }
        if (document.has("action")) {
            throw rule.unsupported("action", "rule collections ('action: " + document.get("action").asText() + "')");
        }
        if (rule.title() == null || rule.title().isBlank()) {
            throw rule.invalid("title", "'title' is required and must be a string");
        }
        SigmaRule.Metadata metadata = new SigmaRule.Metadata(rule.title(), optionalText(rule, document, "id"),
                optionalText(rule, document, "status"), level(rule, document),
                optionalText(rule, document, "description"), logsource(rule, document.get("logsource")),
                texts(rule, document, "tags"), texts(rule, document, "falsepositives"),
                texts(rule, document, "references"), optionalText(rule, document, "author"),
                optionalText(rule, document, "date"), optionalText(rule, document, "modified"),
                optionalText(rule, document, "license"));
        RecordTest detection = new DetectionCompiler(rule).compile(document.get("detection"));
        return new SigmaRule(metadata, yaml, detection, PrefilterCompiler.compile(detection));
    }

    private static JsonNode readSingleDocument(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw malformed("the rule text is empty");
        }
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            while (parser.nextToken() != null) {
                documents.add(YAML.readTree(parser));
            }
        } catch (JsonProcessingException e) {
            throw malformed("not valid YAML: " + e.getOriginalMessage() + (e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException | RuntimeException e) {
            throw malformed("not valid YAML: " + e.getMessage());
        }
        documents.removeIf(document -> document == null || document.isMissingNode() || document.isNull());
        if (documents.size() > 1) {
            RuleContext first = new RuleContext(text(documents.getFirst(), "title"), text(documents.getFirst(), "id"));
            throw first.unsupported(null, "multi-document YAML (" + documents.size()
                    + " documents; Sigma rule collections are not supported, put one rule per file)");
        }
        if (documents.isEmpty() || !documents.getFirst().isObject()) {
            throw malformed("a Sigma rule must be a YAML mapping");
        }
        return documents.getFirst();
    }

    private static SigmaRuleException malformed(String detail) {
        return new SigmaRuleException(SigmaRuleException.Reason.MALFORMED_YAML, null, null, null, detail);
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String optionalText(RuleContext rule, JsonNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw rule.invalid(field, "'" + field + "' must be a single value");
        }
        return value.asText();
    }

    private static List<String> texts(RuleContext rule, JsonNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText());
        }
        if (value.isObject()) {
            throw rule.invalid(field, "'" + field + "' must be a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isValueNode() || element.isNull()) {
                throw rule.invalid(field, "'" + field + "' must be a list of strings");
            }
            texts.add(element.asText());
        }
        return List.copyOf(texts);
    }

    private static SigmaLevel level(RuleContext rule, JsonNode document) {
        String text = optionalText(rule, document, "level");
        if (text == null) {
            return null;
        }
        SigmaLevel level = SigmaLevel.fromYaml(text);
        if (level == null) {
            throw rule.invalid("level", "unknown level '" + text + "' (informational, low, medium, high or critical)");
        }
        return level;
    }

    private static SigmaLogsource logsource(RuleContext rule, JsonNode logsource) {
        if (logsource == null || !logsource.isObject()) {
            throw rule.invalid("logsource", "'logsource' is required and must be a map");
        }
        String product = text(logsource, "product");
        String service = text(logsource, "service");
        String category = text(logsource, "category");
        if (!"aws".equals(product) || !"cloudtrail".equals(service) || category != null) {
            throw rule.error(SigmaRuleException.Reason.UNSUPPORTED_LOGSOURCE, "logsource",
                    "unsupported logsource (product: " + product + ", service: " + service + ", category: " + category
                            + "); only product 'aws' with service 'cloudtrail' maps onto CloudTrail records");
        }
        return new SigmaLogsource(product, service, null);
    }
}
