package io.vigil.sigma;

import java.util.Locale;

/** Sigma's {@code level} field: how urgent a match is, from least to most. */
public enum SigmaLevel {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The spelling used in Sigma YAML, e.g. {@code informational}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SigmaLevel fromYaml(String value) {
        for (SigmaLevel level : values()) {
            if (level.yamlName().equals(value)) {
                return level;
            }
        }
        return null;
    }
}
