package io.vigil.sigma;

/**
 * A Sigma rule could not be loaded. Nothing of the rule is kept: a rule is loaded whole or not at all. The message
 * names the rule (title and id when known), the location inside the rule document (e.g.
 * {@code detection.selection.eventName|re}) and the reason.
 */
public final class SigmaRuleException extends RuntimeException {

    /** Why a rule was rejected. */
    public enum Reason {
        /** The text is not YAML, or not a single YAML mapping. */
        MALFORMED_YAML,
        /** A required field is missing or a field has the wrong shape or value. */
        INVALID_RULE,
        /** The logsource is not {@code product: aws, service: cloudtrail}. */
        UNSUPPORTED_LOGSOURCE,
        /** A Sigma feature this library does not implement (named in the message). */
        UNSUPPORTED_FEATURE,
        /**
         * An aggregation ({@code | count() ...}, {@code | near}, {@code timeframe}) or a correlation rule. Threshold
         * rules over windows are a separate capability (rules-service II); these rules are rejected with this reason.
         */
        AGGREGATION
    }

    private final Reason reason;
    private final String ruleTitle;
    private final String ruleId;
    private final String location;
    private final String detail;

    SigmaRuleException(Reason reason, String ruleTitle, String ruleId, String location, String detail) {
        super(format(ruleTitle, ruleId, location, detail));
        this.reason = reason;
        this.ruleTitle = ruleTitle;
        this.ruleId = ruleId;
        this.location = location;
        this.detail = detail;
    }

    private static String format(String ruleTitle, String ruleId, String location, String detail) {
        StringBuilder text = new StringBuilder("Sigma rule");
        if (ruleTitle != null) {
            text.append(" '").append(ruleTitle).append('\'');
        }
        if (ruleId != null) {
            text.append(" (id ").append(ruleId).append(')');
        }
        if (location != null) {
            text.append(" at ").append(location);
        }
        return text.append(": ").append(detail).toString();
    }

    /** Why the rule was rejected. */
    public Reason reason() {
        return reason;
    }

    /** The rule's title, or null if it was not read yet. */
    public String ruleTitle() {
        return ruleTitle;
    }

    /** The rule's id, or null if the rule has none or it was not read yet. */
    public String ruleId() {
        return ruleId;
    }

    /** Where in the rule document the problem is, e.g. {@code detection.condition}; null for the whole document. */
    public String location() {
        return location;
    }

    /** The problem alone, without rule and location. */
    public String detail() {
        return detail;
    }
}
