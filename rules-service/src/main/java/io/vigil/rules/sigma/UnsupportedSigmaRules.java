package io.vigil.rules.sigma;

/**
 * What start-up does with a file of a Sigma rule directory that cannot be loaded ({@code
 * vigil.rules.sigma.on-unsupported}).
 */
public enum UnsupportedSigmaRules {
    /** Start-up fails with an error naming the file and the unsupported feature. */
    FAIL,
    /** The file is skipped; an error is logged and {@code vigil.rules.sigma.skipped} is counted. */
    SKIP
}
