package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Severity;
import java.util.Locale;

/**
 * Maps the severity scales of AWS finding sources onto Vigil's {@link Severity}. Sources are cited in docs/sources.md.
 */
final class FindingSeverities {

    private FindingSeverities() {
    }

    /**
     * GuardDuty's numeric severity, by the bands of the GuardDuty user guide ("Severity levels of GuardDuty
     * findings"): Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. Values from 0.1 up to 1.0 (allowed by
     * the finding format) count as Low; anything outside (0, 10] or not a number is invalid.
     */
    static Severity guardDuty(JsonNode value, String path) {
        if (!value.isNumber()) {
            throw new InvalidShapeException("field '" + path + "' must be a number from 0.1 to 10.0, was "
                    + (value.isMissingNode() ? "missing" : value.getNodeType().name() + " " + value));
        }
        double severity = value.doubleValue();
        if (!(severity > 0.0 && severity <= 10.0)) {
            throw new InvalidShapeException("field '" + path + "' must be from 0.1 to 10.0, was " + value);
        }
        if (severity < 4.0) {
            return Severity.LOW;
        }
        if (severity < 7.0) {
            return Severity.MEDIUM;
        }
        if (severity < 9.0) {
            return Severity.HIGH;
        }
        return Severity.CRITICAL;
    }

    /**
     * A severity label as Security Hub (ASFF {@code Severity.Label}), Inspector2 ({@code severity}) and OCSF
     * ({@code severity}) write it. Inspector's {@code UNTRIAGED} and OCSF's {@code Unknown}/{@code Other} become
     * {@link Severity#INFO}; OCSF's {@code Fatal} becomes {@link Severity#CRITICAL}.
     *
     * @return the severity, or null for an unknown label
     */
    static Severity label(String label) {
        if (label == null) {
            return null;
        }
        return switch (label.trim().toUpperCase(Locale.ROOT)) {
            case "INFORMATIONAL", "INFO", "UNTRIAGED", "UNKNOWN", "OTHER" -> Severity.INFO;
            case "LOW" -> Severity.LOW;
            case "MEDIUM" -> Severity.MEDIUM;
            case "HIGH" -> Severity.HIGH;
            case "CRITICAL", "FATAL" -> Severity.CRITICAL;
            default -> null;
        };
    }

    /**
     * ASFF {@code Severity.Normalized} (0–100) by the ASFF reference's table: 0 informational, 1–39 low,
     * 40–69 medium, 70–89 high, 90–100 critical.
     */
    static Severity asffNormalized(int normalized) {
        if (normalized <= 0) {
            return Severity.INFO;
        }
        if (normalized < 40) {
            return Severity.LOW;
        }
        if (normalized < 70) {
            return Severity.MEDIUM;
        }
        if (normalized < 90) {
            return Severity.HIGH;
        }
        return Severity.CRITICAL;
    }

    /** OCSF {@code severity_id}: 0 unknown, 1 informational, 2 low, 3 medium, 4 high, 5 critical, 6 fatal. */
    static Severity ocsfId(int severityId) {
        return switch (severityId) {
            case 2 -> Severity.LOW;
            case 3 -> Severity.MEDIUM;
            case 4 -> Severity.HIGH;
            case 5, 6 -> Severity.CRITICAL;
            default -> Severity.INFO;
        };
    }
}
