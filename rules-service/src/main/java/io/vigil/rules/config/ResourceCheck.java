package io.vigil.rules.config;

import io.vigil.contract.ComplianceStatus;

/** One Config-style check of one resource type. Implementations are immutable and thread-safe. */
interface ResourceCheck {

    /** @return the AWS resource type checked, e.g. {@code AWS::EC2::Volume} */
    String resourceType();

    /** @return the verdict on a present (not deleted, not oversized) item of {@link #resourceType()} */
    Verdict check(ConfigurationItem item);

    /**
     * @param status the verdict
     * @param annotation why, in one sentence
     */
    record Verdict(ComplianceStatus status, String annotation) {

        static Verdict compliant(String annotation) {
            return new Verdict(ComplianceStatus.COMPLIANT, annotation);
        }

        static Verdict nonCompliant(String annotation) {
            return new Verdict(ComplianceStatus.NON_COMPLIANT, annotation);
        }

        static Verdict notApplicable(String annotation) {
            return new Verdict(ComplianceStatus.NOT_APPLICABLE, annotation);
        }
    }
}
