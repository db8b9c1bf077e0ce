package io.vigil.rules.packs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.contract.Severity;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * </pre>
 *
 * Unknown fields are errors, so a typo cannot silently disable part of a rule. Every error names the pack file, the
 * rule id (or its position when it has none) and the field. Stateless and thread-safe.
 */
public final class RulePackLoader {

    /** Classpath folder of the built-in packs; a pack named {@code x} is the resource {@code packs/x.yaml}. */
    public static final String DIRECTORY = "packs/";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Set<String> PACK_FIELDS = Set.of("pack", "description", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("id", "title", "description", "severity", "enabled",
            "dialect", "body", "tags", "controls", "runbookUrl");
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
            return parse(name, source, in.readAllBytes());
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
        JsonNode root;
        try {
            root = yaml.readTree(content);
        } catch (JsonProcessingException e) {
            throw new RuleLoadException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleLoadException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RuleLoadException(source + ": expected a mapping with 'pack' and 'rules'");
        }
        rejectUnknown(root, PACK_FIELDS, field -> source + ": unknown field '" + field + "'");
        JsonNode packName = root.get("pack");
        if (packName != null && !name.equals(packName.asText())) {
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
            Rule rule = rule(source, i + 1, rules.get(i));
            Integer previous = ids.putIfAbsent(rule.id(), i + 1);
            if (previous != null) {
                throw RuleLoadException.of(source, rule.id(), "id", "duplicate rule id, also rule #" + previous);
            }
            parsed.add(rule);
        }
        return new RulePack(name, source, parsed);
    }

    private Rule rule(String source, int position, JsonNode node) {
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
                fields.url("runbookUrl"));
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
