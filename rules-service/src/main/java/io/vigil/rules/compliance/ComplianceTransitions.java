package io.vigil.rules.compliance;

import io.vigil.contract.ComplianceStatus;

/** When a new verdict raises an alert. */
public final class ComplianceTransitions {

    private ComplianceTransitions() {
    }

    /**
     * A resource that becomes NON_COMPLIANT raises an alert: from COMPLIANT, from NOT_APPLICABLE, or when it was
     * never evaluated before. A resource that stays NON_COMPLIANT does not raise another one.
     *
     * @param previous the last known status, or null when the resource was never evaluated by the rule
     */
    public static boolean raisesAlert(ComplianceStatus previous, ComplianceStatus current) {
        return current == ComplianceStatus.NON_COMPLIANT && previous != ComplianceStatus.NON_COMPLIANT;
    }
}
