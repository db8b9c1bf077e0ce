package io.vigil.rules.model;

/**
 * Rules cannot be loaded: a pack is missing or malformed, a rule is invalid, or its body does not compile. The message
 * names the pack file, the rule id and the field, e.g.
 * {@code packs/cis-aws-foundations.yaml: rule 'cis-aws-cloudwatch-5': field 'severity': must be one of ...}.
 * Thrown at start-up, it fails the application.
 */
public class RuleLoadException extends RuntimeException {

    public RuleLoadException(String message) {
        super(message);
    }

    public RuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return a message in the form {@code <source>: rule '<id>': field '<field>': <problem>} */
    public static RuleLoadException of(String source, String ruleId, String field, String problem) {
        return new RuleLoadException(source + ": rule '" + ruleId + "': field '" + field + "': " + problem);
    }
}
