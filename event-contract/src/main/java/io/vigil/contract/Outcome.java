package io.vigil.contract;

/** Result of an action (OCSF {@code status}). */
public enum Outcome {
    SUCCESS, FAILURE, UNKNOWN
}
