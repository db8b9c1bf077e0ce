package io.vigil.rules.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ComplianceStatus;
import java.util.Objects;

/**
 * One embedded test of a rule: an input event and the expected verdict.
 *
 * @param name unique within the rule; names the test in failure reports
 * @param input what kind of document {@code document} is
 * @param document the input as written (after {@code file:} inputs were read)
 * @param expectMatch whether the rule must match (for Config rules: evaluate NON_COMPLIANT)
 * @param compliance for Config rules, the exact expected status; nullable
 */
public record RuleTest(String name, TestInput input, JsonNode document, boolean expectMatch,
        ComplianceStatus compliance) {

    public RuleTest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(document, "document");
    }

    /** The kinds of test input, by their YAML key. */
    public enum TestInput {
        /** A CloudTrail record as in a log file's {@code Records}. */
        CLOUDTRAIL("cloudtrail"),
        /** A whole EventBridge envelope. */
        EVENTBRIDGE("eventbridge"),
        /** An AWS Config configuration item. */
        CONFIG_ITEM("configItem"),
        /** A complete normalized event. */
        EVENT("event");

        private final String key;

        TestInput(String key) {
            this.key = key;
        }

        /** @return the YAML key that introduces this input */
        public String key() {
            return key;
        }
    }
}
