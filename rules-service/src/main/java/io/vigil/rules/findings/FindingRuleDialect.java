package io.vigil.rules.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.contract.Severity;
import io.vigil.rules.RulesConfig;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Findings pass-through: a finding of one detector whose normalized severity is at or above a threshold. The body is
 * a YAML mapping:
 *
 * <pre>
 * source: aws.guardduty        # the event's sourceKind; aws.securityhub also covers aws.securityhub.ocsf
 * minSeverity: configured      # info, low, medium, high, critical, or configured (vigil.rules.findings.min-severity)
 * </pre>
 */
@ApplicationScoped
@Named(FindingRuleDialect.NAME)
public class FindingRuleDialect implements RuleDialect {

    /** The dialect name rules use. */
    public static final String NAME = "finding";

    /** The EventBridge {@code source} of each detector's findings, for the shared automaton. */
    private static final Map<String, String> ENVELOPE_SOURCES = Map.of(
            "aws.guardduty", "aws.guardduty",
            "aws.securityhub", "aws.securityhub",
            "aws.inspector2", "aws.inspector2");
    private static final Set<String> FIELDS = Set.of("source", "minSeverity");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Severity configuredMinimum;

    @Inject
    public FindingRuleDialect(RulesConfig config) {
        this(config.findings().minSeverity());
    }

    /** @param configuredMinimum the threshold of rules whose body says {@code minSeverity: configured} */
    public FindingRuleDialect(Severity configuredMinimum) {
        this.configuredMinimum = configuredMinimum;
    }

    @Override
    public RuleMatcher compile(Rule rule) {
        JsonNode body;
        try {
            body = YAML.readTree(rule.body());
        } catch (JsonProcessingException e) {
            throw new RuleCompileException("finding rule body is not YAML: " + e.getOriginalMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new RuleCompileException("finding rule body must be a mapping with 'source' and 'minSeverity'");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RuleCompileException("finding rule body: unknown field '" + name
                        + "'; known fields: minSeverity, source");
            }
        }
        String source = body.path("source").asText("");
        if (!ENVELOPE_SOURCES.containsKey(source)) {
            throw new RuleCompileException("finding rule body: field 'source' must be one of "
                    + ENVELOPE_SOURCES.keySet().stream().sorted().toList() + ", was '" + source + "'");
        }
        Severity minimum = minimum(body.path("minSeverity").asText("configured"));
        Prefilter prefilter = new Prefilter(
                List.of("{\"source\":[\"" + ENVELOPE_SOURCES.get(source) + "\"]}"), false, false);
        return new FindingMatcher(source, minimum, prefilter);
    }

    private Severity minimum(String text) {
        if (text.equals("configured")) {
            return configuredMinimum;
        }
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleCompileException("finding rule body: field 'minSeverity' must be configured, info, low, "
                    + "medium, high or critical, was '" + text + "'");
        }
    }

    /** Matches findings of {@code source} (or a sub-kind of it) at or above {@code minimum}. */
    record FindingMatcher(String source, Severity minimum, Prefilter prefilter) implements RuleMatcher {
        @Override
        public boolean matches(EventDocument document) {
            String kind = document.event().sourceKind();
            Severity severity = document.event().severity();
            boolean fromSource = kind.equals(source) || kind.startsWith(source + ".");
            return fromSource && severity != null && severity.isAtLeast(minimum);
        }
    }
}
