package io.vigil.rules.model;

import io.vigil.contract.Severity;
import java.util.List;
import java.util.Objects;

/**
 * A detection rule as written in a pack file.
 *
 * @param id unique, stable id, e.g. {@code cis-aws-cloudwatch-5}; lower-case letters, digits, {@code .}, {@code _}
 *        and {@code -}
 * @param title short human name, used in alert subjects
 * @param description what the rule detects and why it matters; may be empty, never null
 * @param severity the severity of the alerts it raises
 * @param enabled whether it is evaluated; disabled rules are still validated and compiled
 * @param dialect the language of {@code body}, e.g. {@code cloudwatch-filter}
 * @param body the rule text in that dialect, exactly as written
 * @param tags free-form labels; may be empty
 * @param controls compliance controls the rule evidences, e.g. {@code SecurityHub:CloudWatch.5}; may be empty
 * @param runbookUrl where responders find what to do; nullable
 * @param dedupKey the alert grouping template, e.g. {@code {accountId}:{actor.arn}}
 * @param useEventSeverity whether alerts take the event's own severity (findings) instead of {@code severity},
 *        which then applies only to events without one
 * @param tests the embedded tests; may be empty
 */
public record Rule(
        String id,
        String title,
        String description,
        Severity severity,
        boolean enabled,
        String dialect,
        String body,
        List<String> tags,
        List<String> controls,
        String runbookUrl,
        DedupKeyTemplate dedupKey,
        boolean useEventSeverity,
        List<RuleTest> tests) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(body, "body");
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
        controls = controls == null ? List.of() : List.copyOf(controls);
        dedupKey = dedupKey == null ? DedupKeyTemplate.DEFAULT : dedupKey;
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** @return this rule with {@code more} tests after its own */
    public Rule withMoreTests(List<RuleTest> more) {
        List<RuleTest> all = new java.util.ArrayList<>(tests);
        all.addAll(more);
        return new Rule(id, title, description, severity, enabled, dialect, body, tags, controls, runbookUrl, dedupKey,
                useEventSeverity, all);
    }

    /** A rule without tests, grouped by account, with its own severity. */
    public Rule(String id, String title, String description, Severity severity, boolean enabled, String dialect,
            String body, List<String> tags, List<String> controls, String runbookUrl) {
        this(id, title, description, severity, enabled, dialect, body, tags, controls, runbookUrl, null, false, null);
    }
}
