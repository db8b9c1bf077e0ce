package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * The prefilter contract, checked against a real event-ruler Machine: every pattern loads; no record that a rule
 * matches is missed by its patterns (necessary), and for rules flagged sufficient event-ruler's verdict equals
 * {@link SigmaRule#matches}. Records: the corpus examples, records for the synthetic rules below, and mutations of all
 * of them (case changes, missing fields, nulls, values wrapped in arrays, booleans as strings and back, objects in
 * place of values).
 */
class PrefilterAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Rules exercising each prefilter shape, beyond what the SigmaHQ corpus uses. */
    private static final Map<String, String> SYNTHETIC = Map.ofEntries(
            Map.entry("prefix", "eventName|startswith: 'Delete'"), Map.entry("suffix", "eventName|endswith: 'Policy'"),
            Map.entry("cased", "eventName|cased: 'DeleteTrail'"),
            Map.entry("casedPrefix", "eventName|startswith|cased: 'Put'"),
            Map.entry("casedSuffix", "eventName|endswith|cased: 'Bucket'"),
            Map.entry("booleanText", "requestParameters.enable: 'false'"),
            Map.entry("booleanCased", "readOnly|cased: 'true'"), Map.entry("nullValue", "errorCode: null"),
            Map.entry("existsFalse", "errorCode|exists: false"), Map.entry("existsTrue", "errorMessage|exists: true"),
            Map.entry("neq", "eventName|neq: 'ListBuckets'"),
            Map.entry("numericText", "requestParameters.fromPort: '22'"),
            Map.entry("greater", "requestParameters.fromPort|gt: 20"),
            Map.entry("regex", "eventName|re: '^Create.*Key$'"),
            Map.entry("regexLiteral", "userAgent|re: '^aws-cli/.+ Linux'"),
            Map.entry("regexEscapedStar", "requestParameters.policy|re: 's3:Get\\*Object.+Deny'"),
            Map.entry("cidr", "sourceIPAddress|cidr: '203.0.113.0/24'"),
            Map.entry("wildcard", "userAgent: 'aws-cli/*Linux*'"),
            Map.entry("arrayPath", "requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '0.0.0.0/0'"),
            Map.entry("sameObject", "userIdentity.type: 'IAMUser'\n        userIdentity.userName: 'alice'"),
            Map.entry("listOfMaps", "- eventName: 'StopLogging'\n        - eventSource: 'kms.amazonaws.com'"),
            Map.entry("emptyishValues", "eventName:\n            - 'CreateUser'\n            - null"));

    private static final Map<String, SigmaRule> RULES = new LinkedHashMap<>();
    private static final List<JsonNode> RECORDS = new ArrayList<>();

    @BeforeAll
    static void loadRulesAndRecords() {
        RULES.putAll(SigmaHqCorpusTest.corpusRules());
        SYNTHETIC.forEach((name, selection) -> RULES.put(name, SigmaRuleLoader.load("""
                title: synthetic %s
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    selection:
                        %s
                    condition: selection
                """.formatted(name, selection))));
        List<JsonNode> originals = new ArrayList<>();
        SigmaHqCorpusTest.examples().forEach(example -> originals.add(example.record()));
        originals.add(parse("""
                {"eventName":"AuthorizeSecurityGroupIngress","eventSource":"ec2.amazonaws.com","readOnly":true,
                 "requestParameters":{"fromPort":22,"enable":false,"ipPermissions":{"items":[{"ipRanges":{"items":[
                 {"cidrIp":"10.0.0.0/8"},{"cidrIp":"0.0.0.0/0"}]}}]}},"errorMessage":null,
                 "userIdentity":{"type":"IAMUser","userName":"alice"}}"""));
        originals.add(parse("""
                {"eventName":"PutBucketPolicy","sourceIPAddress":"203.0.113.99","userAgent":"aws-cli/2 Linux/6",
                 "requestParameters":{"fromPort":"22","enable":"FALSE"},"userIdentity":[{"type":"IAMUser"},
                 {"userName":"alice"}],"errorCode":"AccessDenied"}"""));
        originals.add(parse("""
                {"eventName":"PutBucketPolicy","userAgent":"aws-cli/2 Linux/6","requestParameters":{"policy":
                 "{\\"Action\\":\\"s3:Get*Object\\",\\"Effect\\":\\"Deny\\"}"}}"""));
        originals.add(parse("""
                {"eventName":"DeleteBucket","userIdentity.type":"Root","eventSource":"kms.amazonaws.com",
                 "errorCode":{"nested":"object"},"readOnly":"TRUE"}"""));
        originals.add(parse("""
                {"eventName":"\u017ftopLogging","eventSource":"cloudtra\u0131l.amazonaws.com",
                 "userIdentity":{"type":"\u0130AMUser"},"userAgent":"TRUFFLEHOG"}"""));
        Set<String> mentioned = new HashSet<>();
        RULES.values().forEach(rule -> mentioned.addAll(List.of(rule.source().split("[^A-Za-z0-9_]+"))));
        for (JsonNode original : originals) {
            RECORDS.addAll(mutations(original, mentioned));
        }
    }

    @Test
    void everyPrefilterPatternLoadsIntoAMachine() throws Exception {
        // Given
        Machine machine = Machine.builder().build();
        int patterns = 0;

        // When
        for (Map.Entry<String, SigmaRule> rule : RULES.entrySet()) {
            for (String pattern : rule.getValue().prefilter().patterns()) {
                machine.addRule(rule.getKey(), pattern);
                patterns++;
            }
        }

        // Then
        assertThat(patterns).isGreaterThanOrEqualTo(57);
        assertThat(RULES.entrySet()).filteredOn(rule -> rule.getValue().prefilter().available())
                .hasSizeGreaterThanOrEqualTo(57);
    }

    @Test
    void prefiltersNeverMissAMatchAndSufficientOnesAgreeExactly() throws Exception {
        // Given
        // every pattern, for the necessary check; for the sufficient check, only machines without wildcards starting
        // with *, the sufficiency contract (see EventRulerPrefilter and EventRulerIgnoreCaseTest)
        Machine machine = Machine.builder().build();
        Machine nested = Machine.builder().build();
        Machine withoutLeadingWildcards = Machine.builder().build();
        Machine nestedWithoutLeadingWildcards = Machine.builder().build();
        for (Map.Entry<String, SigmaRule> rule : RULES.entrySet()) {
            boolean leadingWildcard = rule.getValue().prefilter().patterns().stream()
                    .anyMatch(pattern -> pattern.contains("{\"wildcard\":\"*"));
            for (String pattern : rule.getValue().prefilter().patterns()) {
                machine.addRule(rule.getKey(), pattern);
                if (!leadingWildcard) {
                    withoutLeadingWildcards.addRule(rule.getKey(), pattern);
                }
            }
            for (String pattern : rule.getValue().prefilter().patternsUnder("detail")) {
                nested.addRule(rule.getKey(), pattern);
                if (!leadingWildcard) {
                    nestedWithoutLeadingWildcards.addRule(rule.getKey(), pattern);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        int matched = 0;

        for (JsonNode record : RECORDS) {
            // When
            Set<String> arrayConsistent = new HashSet<>(machine.rulesForJSONEvent(record));
            Set<String> flattened = new HashSet<>(machine.rulesForEvent(record));
            Set<String> underDetail = new HashSet<>(nested.rulesForJSONEvent(NODES.objectNode().set("detail", record)));
            List<Set<String>> exact = List.of(new HashSet<>(withoutLeadingWildcards.rulesForJSONEvent(record)),
                    new HashSet<>(withoutLeadingWildcards.rulesForEvent(record)),
                    new HashSet<>(nestedWithoutLeadingWildcards
                            .rulesForJSONEvent(NODES.objectNode().set("detail", record))));

            // Then
            for (Map.Entry<String, SigmaRule> rule : RULES.entrySet()) {
                EventRulerPrefilter prefilter = rule.getValue().prefilter();
                if (!prefilter.available()) {
                    continue;
                }
                boolean matches = rule.getValue().matches(record);
                matched += matches ? 1 : 0;
                for (Set<String> candidates : List.of(arrayConsistent, flattened, underDetail)) {
                    if (matches && !candidates.contains(rule.getKey())) {
                        problems.add("missed " + rule.getKey() + " " + prefilter + " on " + record);
                    }
                }
                for (Set<String> candidates : exact) {
                    if (prefilter.sufficient() && candidates.contains(rule.getKey()) && !matches) {
                        problems.add("not sufficient " + rule.getKey() + " " + prefilter + " on " + record);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(matched).as("the corpus exercises matches, not only misses").isGreaterThan(500);
        assertThat(RECORDS).hasSizeGreaterThan(1500);
    }

    @Test
    void mostCorpusRulesAreFullyCompiledToEventRuler() {
        // Then: rules of plain, case-insensitive values need no residual evaluation
        assertThat(RULES.get("aws_cloudtrail_disable_logging.yml").prefilter().sufficient()).isTrue();
        assertThat(RULES.get("aws_cloudtrail_guardduty_detector_deleted_or_updated.yml").prefilter().available())
                .isTrue();
        assertThat(RULES.get("aws_iam_backdoor_users_keys.yml").prefilter().sufficient()).isFalse();
        long sufficient = SigmaHqCorpusTest.corpusRules().values().stream()
                .filter(rule -> rule.prefilter().sufficient()).count();
        assertThat(sufficient).isGreaterThanOrEqualTo(35);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The record and variants of it that probe the edges of the prefilter's assumptions. Single fields are mutated only
     * if some rule mentions their name; other fields cannot change a verdict.
     */
    private static List<JsonNode> mutations(JsonNode record, Set<String> mentioned) {
        List<JsonNode> variants = new ArrayList<>();
        variants.add(record);
        variants.add(mapStrings(record, text -> text.toUpperCase(Locale.ROOT)));
        variants.add(mapStrings(record, text -> text.toLowerCase(Locale.ROOT)));
        List<String> paths = new ArrayList<>();
        leafPaths(record, "", paths);
        for (String path : paths) {
            if (!mentioned.contains(path.substring(path.lastIndexOf('\u0000') + 1))) {
                continue;
            }
            variants.add(removeAt(record, path));
            variants.add(replaceAt(record, path, ignored -> NODES.nullNode()));
            variants.add(replaceAt(record, path, value -> NODES.arrayNode().add("unrelated").add(value.deepCopy())));
            variants.add(replaceAt(record, path, value -> NODES.objectNode().set("inner", value.deepCopy())));
            variants.add(replaceAt(record, path, value -> NODES.arrayNode()
                    .add(NODES.objectNode().set("inner", value.deepCopy()))));
            variants.add(replaceAt(record, path, value -> value.isBoolean()
                    ? TextNode.valueOf(value.asText())
                    : value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))
                            ? BooleanNode.valueOf(Boolean.parseBoolean(value.textValue()))
                            : value));
        }
        return variants;
    }

    private static void leafPaths(JsonNode node, String prefix, List<String> paths) {
        if (node.isObject()) {
            node.properties().forEach(entry -> leafPaths(entry.getValue(),
                    prefix.isEmpty() ? entry.getKey() : prefix + "\u0000" + entry.getKey(), paths));
        } else if (!prefix.isEmpty() && !node.isArray()) {
            paths.add(prefix);
        }
    }

    private static JsonNode replaceAt(JsonNode record, String path, UnaryOperator<JsonNode> change) {
        ObjectNode copy = record.deepCopy();
        String[] keys = path.split("\u0000");
        ObjectNode parent = copy;
        for (int i = 0; i < keys.length - 1; i++) {
            parent = (ObjectNode) parent.get(keys[i]);
        }
        String last = keys[keys.length - 1];
        if (change == null) {
            parent.remove(last);
        } else {
            parent.set(last, change.apply(parent.get(last)));
        }
        return copy;
    }

    private static JsonNode removeAt(JsonNode record, String path) {
        return replaceAt(record, path, null);
    }

    private static JsonNode mapStrings(JsonNode node, UnaryOperator<String> change) {
        if (node.isTextual()) {
            return TextNode.valueOf(change.apply(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties().forEach(entry -> copy.set(entry.getKey(), mapStrings(entry.getValue(), change)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(mapStrings(element, change)));
            return copy;
        }
        return node;
    }
}
