package io.vigil.rules.testing;

import java.util.List;

/**
 * The outcome of running rule tests.
 *
 * @param tests how many tests ran
 * @param failures the failed tests (and coverage failures), in pack and rule order
 */
public record RuleTestReport(int tests, List<Failure> failures) {

    public RuleTestReport {
        failures = List.copyOf(failures);
    }

    /** @return whether every test passed */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** @return the report for humans: one block per failure with the event and the difference, then a summary */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (Failure failure : failures) {
            text.append("FAIL ").append(failure.source()).append(": rule '").append(failure.ruleId())
                    .append("': test '").append(failure.testName()).append("'\n  ")
                    .append(failure.difference()).append('\n');
            if (failure.event() != null) {
                text.append("  event:\n");
                failure.event().lines().forEach(line -> text.append("    ").append(line).append('\n'));
            }
        }
        text.append(tests).append(" tests, ").append(failures.size()).append(" failures").append('\n');
        return text.toString();
    }

    /**
     * One failure.
     *
     * @param source the pack file or directory
     * @param ruleId the rule
     * @param testName the test, or {@code (coverage)}
     * @param difference expected against actual, in words
     * @param event the test's input document, pretty-printed; null for coverage failures
     */
    public record Failure(String source, String ruleId, String testName, String difference, String event) {
    }
}
