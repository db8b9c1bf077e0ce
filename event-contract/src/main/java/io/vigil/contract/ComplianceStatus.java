package io.vigil.contract;

/** Result of a Config-style evaluation, as AWS Config names them. */
public enum ComplianceStatus {
    COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE
}
