package io.vigil.rules.dialect;

import io.vigil.contract.ComplianceStatus;

/**
 * A matcher of a Config-style rule: it evaluates configuration items into a compliance verdict instead of a plain
 * match. {@link #matches} is true exactly when the verdict is NON_COMPLIANT; the engine reports every verdict, so
 * the service can publish it for audit and alert on a change to non-compliant.
 */
public interface ComplianceMatcher extends RuleMatcher {

    /**
     * @return the verdict on the configuration item the event carries, or null when the event is not a
     *         configuration item of a resource type this rule evaluates
     */
    ComplianceResult evaluate(EventDocument document);

    @Override
    default boolean matches(EventDocument document) {
        ComplianceResult result = evaluate(document);
        return result != null && result.status() == ComplianceStatus.NON_COMPLIANT;
    }
}
