package io.vigil.rules.cwlogs;

import io.vigil.rules.dialect.CloudTrailRecords;
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
        return event -> pattern.matches(CloudTrailRecords.of(event));
    }
}
