package io.vigil.rules.packs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.rules.model.DedupKeyTemplate;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.model.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads rule packs from YAML and validates every field. A pack file looks like:
 *
 * <pre>
 * pack: cis-aws-foundations
 * description: ...
 * rules:
 *   - id: cis-aws-cloudwatch-5
 *     title: CloudTrail configuration changed
 *     description: ...
 *     severity: high            # info, low, medium, high, critical
 *     enabled: true             # default true
 *     dialect: cloudwatch-filter
 *     body: '{($.eventName=StopLogging)}'
 *     tags: [cis, cloudtrail]
 *     controls: [SecurityHub:CloudWatch.5, CIS-AWS-1.2:3.5]
 *     runbookUrl: https://...
 *     dedupKey: '{accountId}:{actor.arn}'   # default {accountId}
 *     useEventSeverity: false   # findings: alerts take the event's severity
 *     tests:
 *       - name: stop logging fires
 *         expect: match         # or no-match
 *         cloudtrail: {...}     # or eventbridge, configItem, event, file
 * </pre>
 *
 * A pack is one such file, or a directory whose {@code *.yaml}/{@code *.yml} files (recursively) each hold a pack
 * or a single rule (a mapping with {@code id} at the top); the directory's name is the pack's name.
 * Unknown fields are errors, so a typo cannot silently disable part of a rule. Every error names the pack file, the
 * rule id (or its position when it has none) and the field. Stateless and thread-safe.
 */
public final class RulePackLoader {

    /** Classpath folder of the built-in packs; a pack named {@code x} is the resource {@code packs/x.yaml}. */
    public static final String DIRECTORY = "packs/";

    /** Top-level key of a file of tests for rules loaded elsewhere; see {@link #loadRuleTests(Path)}. */
    public static final String RULE_TESTS = "rule-tests";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Set<String> PACK_FIELDS = Set.of("pack", "description", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("id", "title", "description", "severity", "enabled",
            "dialect", "body", "tags", "controls", "runbookUrl", "dedupKey", "useEventSeverity", "tests");
    private static final Set<String> TEST_FIELDS = Set.of("name", "expect", "compliance", "cloudtrail",
            "eventbridge", "configItem", "event", "file");
    private static final String SEVERITIES = Arrays.stream(Severity.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Loads built-in packs by name, in the given order. Rule ids across packs are checked when the engine compiles
     * them.
     *
     * @throws RuleLoadException when a pack is missing or invalid
     */
    public List<RulePack> loadBuiltIn(List<String> names) {
        return names.stream().map(this::loadBuiltIn).toList();
    }

    /**
     * Loads one built-in pack, {@code packs/<name>.yaml} on the classpath.
     *
     * @throws RuleLoadException when it is missing or invalid
     */
    public RulePack loadBuiltIn(String name) {
        String source = DIRECTORY + name + ".yaml";
        if (!ID.matcher(name).matches()) {
            throw new RuleLoadException("vigil.rules.packs: '" + name + "' is not a pack name");
        }
        try (InputStream in = RulePackLoader.class.getClassLoader().getResourceAsStream(source)) {
            if (in == null) {
                throw new RuleLoadException("vigil.rules.packs: no built-in pack '" + name + "' (no " + source
                        + " on the classpath)");
            }
            return parse(name, source, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new RuleLoadException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses and validates pack YAML.
     *
     * @param name the pack's expected name
     * @param source where the YAML came from, for error messages
     * @throws RuleLoadException when it is not valid
     */
    public RulePack parse(String name, String source, byte[] content) {
        return parse(name, source, content, null);
    }

    /**
     * Loads a pack from the file system: a pack file ({@code <name>.yaml}), or a directory of rule and pack files
     * named after the directory.
     *
     * @throws RuleLoadException when it is missing or invalid
     */
    public RulePack loadPath(Path path) {
        if (Files.isDirectory(path)) {
            return loadDirectory(path);
        }
        String fileName = path.getFileName().toString();
        String name = fileName.replaceFirst("\\.ya?ml$", "");
        byte[] content = read(path);
        return parse(name, path.toString(), content, path.toAbsolutePath().getParent());
    }

    private RulePack loadDirectory(Path directory) {
        String name = directory.toAbsolutePath().normalize().getFileName().toString();
        List<Path> files = YamlFiles.under(directory);
        if (files.isEmpty()) {
            throw new RuleLoadException(directory + ": no *.yaml or *.yml rule files");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (Path file : files) {
            JsonNode root = readYaml(file.toString(), read(file));
            List<Rule> fileRules;
            if (root != null && root.isObject() && root.has("id") && !root.has("rules")) {
                fileRules = List.of(rule(file.toString(), 1, root, file.toAbsolutePath().getParent()));
            } else {
                fileRules = rules(file.toString(), root, null, file.toAbsolutePath().getParent());
            }
            for (Rule rule : fileRules) {
                String previous = ids.putIfAbsent(rule.id(), file.toString());
                if (previous != null) {
                    throw RuleLoadException.of(file.toString(), rule.id(), "id",
                            "duplicate rule id, already defined in " + previous);
                }
                rules.add(rule);
            }
        }
        return new RulePack(name, directory.toString(), rules);
    }

    /**
     * Whether {@code path} holds rule tests for rules loaded elsewhere (e.g. from a Sigma directory) rather than rules:
     * a file whose top-level mapping has {@value #RULE_TESTS}, or a directory all of whose {@code *.yaml}/{@code *.yml}
     * files are such files.
     *
     * @throws RuleLoadException when a file cannot be read or is not YAML
     */
    public boolean isRuleTests(Path path) {
        List<Path> files = Files.isDirectory(path) ? YamlFiles.under(path) : List.of(path);
        return !files.isEmpty() && files.stream().allMatch(file -> {
            JsonNode root = readYaml(file.toString(), read(file));
            return root != null && root.isObject() && root.has(RULE_TESTS);
        });
    }

    /**
     * Reads rule-tests files: a file (or a directory of them, recursively) of the form
     *
     * <pre>
     * rule-tests:
     *   sigma-4db60cc0-36fb-42b7-9b58-a5b53019fb74:   # a rule id
     *     - name: stop logging fires
     *       expect: match
     *       cloudtrail: {...}
     * </pre>
     *
     * Each test has the fields of a rule's embedded test.
     *
     * @return the tests by rule id, in file order
     * @throws RuleLoadException when a file or test is invalid, or two files give one rule a test of the same name
     */
    public Map<String, List<RuleTest>> loadRuleTests(Path path) {
        List<Path> files = Files.isDirectory(path) ? YamlFiles.under(path) : List.of(path);
        Map<String, List<RuleTest>> byRule = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            String source = file.toString();
            JsonNode root = readYaml(source, read(file));
            if (root == null || !root.isObject() || !root.has(RULE_TESTS)) {
                throw new RuleLoadException(source + ": expected a mapping with '" + RULE_TESTS + "'");
            }
            rejectUnknown(root, Set.of(RULE_TESTS), field -> source + ": unknown field '" + field + "'");
            JsonNode rules = root.get(RULE_TESTS);
            if (!rules.isObject()) {
                throw new RuleLoadException(source + ": field '" + RULE_TESTS + "': expected a mapping of rule ids to "
                        + "lists of tests");
            }
            Iterator<Map.Entry<String, JsonNode>> entries = rules.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                List<RuleTest> tests = tests(source, entry.getKey(), entry.getValue(),
                        file.toAbsolutePath().getParent());
                List<RuleTest> all = byRule.computeIfAbsent(entry.getKey(), id -> new ArrayList<>());
                for (RuleTest test : tests) {
                    if (all.stream().anyMatch(t -> t.name().equals(test.name()))) {
                        throw RuleLoadException.of(source, entry.getKey(), "name",
                                "duplicate test name '" + test.name() + "'");
                    }
                    all.add(test);
                }
            }
        }
        return byRule;
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new RuleLoadException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private JsonNode readYaml(String source, byte[] content) {
        try {
            return yaml.readTree(content);
        } catch (JsonProcessingException e) {
            throw new RuleLoadException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleLoadException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private RulePack parse(String name, String source, byte[] content, Path baseDirectory) {
        JsonNode root = readYaml(source, content);
        return new RulePack(name, source, rules(source, root, name, baseDirectory));
    }

    /** @param name the expected pack name, or null when any is fine (a file in a directory pack) */
    private List<Rule> rules(String source, JsonNode root, String name, Path baseDirectory) {
        if (root == null || !root.isObject()) {
            throw new RuleLoadException(source + ": expected a mapping with 'pack' and 'rules'");
        }
        rejectUnknown(root, PACK_FIELDS, field -> source + ": unknown field '" + field + "'");
        JsonNode packName = root.get("pack");
        if (name != null && packName != null && !name.equals(packName.asText())) {
            throw new RuleLoadException(source + ": field 'pack': '" + packName.asText()
                    + "' does not match the file name '" + name + "'");
        }
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new RuleLoadException(source + ": field 'rules': expected a list of rules");
        }
        List<Rule> parsed = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rule(source, i + 1, rules.get(i), baseDirectory);
            Integer previous = ids.putIfAbsent(rule.id(), i + 1);
            if (previous != null) {
                throw RuleLoadException.of(source, rule.id(), "id", "duplicate rule id, also rule #" + previous);
            }
            parsed.add(rule);
        }
        return parsed;
    }

    private Rule rule(String source, int position, JsonNode node, Path baseDirectory) {
        if (!node.isObject()) {
            throw new RuleLoadException(source + ": rule #" + position + ": expected a mapping of rule fields");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.textValue().isBlank()) {
            throw new RuleLoadException(source + ": rule #" + position + ": field 'id': required");
        }
        String id = idNode.textValue();
        if (!ID.matcher(id).matches()) {
            throw RuleLoadException.of(source, id, "id",
                    "must be lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        Fields fields = new Fields(source, id, node);
        rejectUnknown(node, RULE_FIELDS, field -> source + ": rule '" + id + "': unknown field '" + field + "'");
        return new Rule(
                id,
                fields.requiredText("title"),
                fields.optionalText("description"),
                fields.severity(),
                fields.bool("enabled", true),
                fields.requiredText("dialect"),
                fields.requiredText("body"),
                fields.textList("tags"),
                fields.textList("controls"),
                fields.url("runbookUrl"),
                fields.dedupKey(),
                fields.bool("useEventSeverity", false),
                tests(source, id, node.get("tests"), baseDirectory));
    }

    private List<RuleTest> tests(String source, String id, JsonNode node, Path baseDirectory) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw RuleLoadException.of(source, id, "tests", "expected a list of tests");
        }
        List<RuleTest> tests = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode test = node.get(i);
            String field = "tests[" + i + "]";
            if (!test.isObject()) {
                throw RuleLoadException.of(source, id, field, "expected a mapping with name, expect and one input");
            }
            rejectUnknown(test, TEST_FIELDS, f -> source + ": rule '" + id + "': field '" + field
                    + "': unknown field '" + f + "'");
            JsonNode nameNode = test.get("name");
            if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
                throw RuleLoadException.of(source, id, field + ".name", "required");
            }
            String name = nameNode.textValue();
            if (!names.add(name)) {
                throw RuleLoadException.of(source, id, field + ".name", "duplicate test name '" + name + "'");
            }
            JsonNode expect = test.get("expect");
            if (expect == null || !expect.isTextual()
                    || !Set.of("match", "no-match").contains(expect.textValue())) {
                throw RuleLoadException.of(source, id, field + ".expect", "must be 'match' or 'no-match'");
            }
            boolean expectMatch = expect.textValue().equals("match");
            ComplianceStatus compliance = null;
            JsonNode complianceNode = test.get("compliance");
            if (complianceNode != null && !complianceNode.isNull()) {
                try {
                    compliance = ComplianceStatus.valueOf(complianceNode.asText());
                } catch (IllegalArgumentException e) {
                    throw RuleLoadException.of(source, id, field + ".compliance",
                            "must be COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE, was '" + complianceNode.asText()
                                    + "'");
                }
                if ((compliance == ComplianceStatus.NON_COMPLIANT) != expectMatch) {
                    throw RuleLoadException.of(source, id, field + ".compliance", "NON_COMPLIANT goes with "
                            + "'expect: match', COMPLIANT and NOT_APPLICABLE with 'expect: no-match'");
                }
            }
            tests.add(testInput(source, id, field, test, name, expectMatch, compliance, baseDirectory));
        }
        return tests;
    }

    private RuleTest testInput(String source, String id, String field, JsonNode test, String name,
            boolean expectMatch, ComplianceStatus compliance, Path baseDirectory) {
        List<String> given = new ArrayList<>();
        for (TestInput kind : TestInput.values()) {
            if (test.has(kind.key())) {
                given.add(kind.key());
            }
        }
        if (test.has("file")) {
            given.add("file");
        }
        String inputs = Arrays.stream(TestInput.values()).map(TestInput::key).collect(Collectors.joining(", "))
                + ", file";
        if (given.size() != 1) {
            throw RuleLoadException.of(source, id, field, "expected exactly one input (" + inputs + "), found "
                    + (given.isEmpty() ? "none" : String.join(", ", given)));
        }
        if (given.getFirst().equals("file")) {
            JsonNode document = fileInput(source, id, field, test.get("file"), baseDirectory);
            TestInput kind = document.has("detail-type") ? TestInput.EVENTBRIDGE : TestInput.CLOUDTRAIL;
            return new RuleTest(name, kind, document, expectMatch, compliance);
        }
        TestInput kind = Arrays.stream(TestInput.values())
                .filter(k -> k.key().equals(given.getFirst()))
                .findFirst()
                .orElseThrow();
        JsonNode document = test.get(kind.key());
        if (!document.isObject()) {
            throw RuleLoadException.of(source, id, field + "." + kind.key(), "expected a mapping");
        }
        return new RuleTest(name, kind, document, expectMatch, compliance);
    }

    private static JsonNode fileInput(String source, String id, String field, JsonNode fileNode, Path base) {
        if (!fileNode.isTextual()) {
            throw RuleLoadException.of(source, id, field + ".file", "expected a relative path");
        }
        if (base == null) {
            throw RuleLoadException.of(source, id, field + ".file",
                    "file inputs are only allowed in packs loaded from the file system");
        }
        Path file = base.resolve(fileNode.textValue()).normalize();
        JsonNode document;
        try {
            document = ContractJson.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw RuleLoadException.of(source, id, field + ".file", "cannot read " + file + ": " + e.getMessage());
        }
        if (document == null || !document.isObject()) {
            throw RuleLoadException.of(source, id, field + ".file", file + " does not hold a JSON object");
        }
        return document;
    }

    private static void rejectUnknown(JsonNode node, Set<String> known,
            Function<String, String> message) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new RuleLoadException(message.apply(field) + "; known fields: "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /** Typed access to one rule's fields, with errors naming source, rule and field. */
    private record Fields(String source, String id, JsonNode node) {

        String requiredText(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw RuleLoadException.of(source, id, field, "required");
            }
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw RuleLoadException.of(source, id, field, "expected non-empty text");
            }
            return value.textValue();
        }

        String optionalText(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw RuleLoadException.of(source, id, field, "expected text");
            }
            return value.textValue();
        }

        boolean bool(String field, boolean defaultValue) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            if (!value.isBoolean()) {
                throw RuleLoadException.of(source, id, field, "expected true or false, was '" + value.asText() + "'");
            }
            return value.booleanValue();
        }

        Severity severity() {
            String text = requiredText("severity");
            for (Severity severity : Severity.values()) {
                if (severity.name().equalsIgnoreCase(text)) {
                    return severity;
                }
            }
            throw RuleLoadException.of(source, id, "severity", "must be one of " + SEVERITIES + ", was '" + text + "'");
        }

        List<String> textList(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw RuleLoadException.of(source, id, field, "expected a list of text");
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isTextual() || item.textValue().isBlank()) {
                    throw RuleLoadException.of(source, id, field, "item " + (i + 1) + " must be non-empty text");
                }
                items.add(item.textValue());
            }
            return items;
        }

        DedupKeyTemplate dedupKey() {
            String text = optionalText("dedupKey");
            if (text == null) {
                return DedupKeyTemplate.DEFAULT;
            }
            try {
                return DedupKeyTemplate.parse(text);
            } catch (IllegalArgumentException e) {
                throw RuleLoadException.of(source, id, "dedupKey", e.getMessage());
            }
        }

        String url(String field) {
            String text = optionalText(field);
            if (text == null) {
                return null;
            }
            try {
                URI uri = new URI(text);
                boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
                if (!web || uri.getHost() == null) {
                    throw RuleLoadException.of(source, id, field, "expected an http(s) URL, was '" + text + "'");
                }
            } catch (URISyntaxException e) {
                throw RuleLoadException.of(source, id, field, "not a URL: " + e.getMessage());
            }
            return text;
        }
    }
}
