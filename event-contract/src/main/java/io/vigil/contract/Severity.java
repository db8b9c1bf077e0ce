package io.vigil.contract;

/** Severity of an event or alert, ordered from least to most severe (OCSF severity ids 1 to 5). */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** @return true when this severity is at least as severe as {@code other} */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
