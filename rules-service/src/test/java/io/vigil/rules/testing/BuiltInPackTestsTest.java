package io.vigil.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The build runs the embedded tests of every built-in pack, exactly as {@code bin/vigil-rules test} does. */
class BuiltInPackTestsTest {

    static final String[] BUILT_IN = {"cis-aws-foundations", "sigma-aws-cloudtrail", "aws-config-checks",
        "aws-findings"};

    @Test
    void everyBuiltInRulePassesItsEmbeddedTestsAndHasAPositiveAndANegativeOne() {
        // Given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[2 + 2 * BUILT_IN.length];
        args[0] = "test";
        args[1] = "--require-coverage";
        for (int i = 0; i < BUILT_IN.length; i++) {
            args[2 + 2 * i] = "--builtin";
            args[3 + 2 * i] = BUILT_IN[i];
        }

        // When
        int exit = RuleTestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // Then
        String report = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).doesNotContain("FAIL").endsWith(" failures\n").contains(", 0 failures");
    }
}
