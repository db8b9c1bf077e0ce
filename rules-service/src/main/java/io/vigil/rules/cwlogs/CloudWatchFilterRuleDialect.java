package io.vigil.rules.cwlogs;

import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * CloudWatch Logs JSON filter patterns ({@link FilterPattern}) evaluated against the event's CloudTrail record, so
 * metric filter patterns such as the CIS monitoring controls can be pasted verbatim.
 */
@ApplicationScoped
@Named(CloudWatchFilterRuleDialect.NAME)
public class CloudWatchFilterRuleDialect implements RuleDialect {

    /** The dialect name rules use. */
    public static final String NAME = "cloudwatch-filter";

    @Override
    public RuleMatcher compile(Rule rule) {
        FilterPattern pattern;
        try {
            pattern = FilterPattern.parse(rule.body());
        } catch (FilterPatternException e) {
            throw new RuleCompileException("invalid " + NAME + " pattern: " + e.getMessage(), e);
        }
        return new FilterMatcher(pattern, FilterPrefilters.of(pattern));
    }

    /** Interprets the pattern on the CloudTrail record; the prefilter narrows which records reach it. */
    private record FilterMatcher(FilterPattern pattern, Prefilter prefilter) implements RuleMatcher {
        @Override
        public boolean matches(EventDocument document) {
            return pattern.matches(document.cloudTrailRecord());
        }
    }
}
