package io.vigil.rules.sigma;

import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.dialect.Prefilter;
import io.vigil.rules.dialect.RuleCompileException;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.model.Rule;
import io.vigil.sigma.EventRulerPrefilter;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRuleException;
import io.vigil.sigma.SigmaRuleLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * Sigma rules (logsource {@code aws/cloudtrail}), the body being the Sigma YAML verbatim, matched against the
 * CloudTrail record. A rule the library cannot evaluate completely is rejected with the library's message, which
 * names the unsupported feature and where it is. The library's event-ruler prefilter goes into the shared automaton,
 * nested under {@code detail}, the record's place in the envelope. Alerts carry the rule's author as a
 * {@code sigma-author:} tag, as the SigmaHQ rules' licence requires.
 */
@ApplicationScoped
@Named(SigmaRuleDialect.NAME)
public class SigmaRuleDialect implements RuleDialect {

    /** The dialect name rules use. */
    public static final String NAME = "sigma";

    /**
     * Prefix of the alert tag naming the Sigma rule's author: the Detection Rule License 1.1 of the SigmaHQ rules
     * requires messages based on a match to keep the author's identification.
     */
    public static final String AUTHOR_TAG = "sigma-author:";

    @Override
    public RuleMatcher compile(Rule rule) {
        SigmaRule sigma;
        try {
            sigma = SigmaRuleLoader.load(rule.body());
        } catch (SigmaRuleException e) {
            throw new RuleCompileException("Sigma rule rejected (" + e.reason() + "): " + e.getMessage(), e);
        }
        EventRulerPrefilter prefilter = sigma.prefilter();
        Prefilter compiled = prefilter.available() && !usesWildcards(prefilter)
                ? new Prefilter(prefilter.patternsUnder("detail"), prefilter.sufficient(), true)
                : Prefilter.NONE;
        List<String> attribution = sigma.author().map(author -> List.of(AUTHOR_TAG + author)).orElse(List.of());
        return new SigmaMatcher(sigma, compiled, attribution);
    }

    /**
     * A regex's prefilter is a {@code *literal*} wildcard. Measured (bench, 2026-11-23): one such pattern on
     * {@code userIdentity.arn}, a field nearly every record has, makes event-ruler's pass over every event about 1.5
     * times slower, while interpreting the rule (a literal check before the regex) costs less than the measurement
     * noise. So such rules are interpreted on every record instead. In a pattern, the unescaped text
     * {@code {"wildcard":} can only be the operator: JSON escapes quotes inside values.
     */
    private static boolean usesWildcards(EventRulerPrefilter prefilter) {
        return prefilter.patterns().stream().anyMatch(pattern -> pattern.contains("{\"wildcard\":"));
    }

    private record SigmaMatcher(SigmaRule sigma, Prefilter prefilter, List<String> alertTags) implements RuleMatcher {
        @Override
        public boolean matches(EventDocument document) {
            return sigma.matches(document.cloudTrailRecord());
        }
    }
}
