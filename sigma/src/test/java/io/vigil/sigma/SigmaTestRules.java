package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds small rules and records for the unit tests. */
final class SigmaTestRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SigmaTestRules() {
    }

    /** A CloudTrail rule titled 'test rule' with id 'rule-1' whose detection block is the given YAML (4 spaces). */
    static String ruleYaml(String detection) {
        return """
                title: test rule
                id: rule-1
                level: high
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                """
                + detection.stripIndent().lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("")
                + "\n";
    }

    static SigmaRule rule(String detection) {
        return SigmaRuleLoader.load(ruleYaml(detection));
    }

    /** A rule with one selection holding one field entry: {@code selection: {<entry>}, condition: selection}. */
    static SigmaRule selection(String entry) {
        return rule("selection:\n"
                + entry.stripIndent().lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("")
                + "\ncondition: selection");
    }

    static JsonNode record(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
