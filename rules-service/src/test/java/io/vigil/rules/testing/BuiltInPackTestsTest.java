package io.vigil.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import io.vigil.rules.SigmaCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The build runs the embedded tests of every built-in pack, exactly as {@code bin/vigil-rules test} does. */
class BuiltInPackTestsTest {

    static final String[] BUILT_IN = {"cis-aws-foundations", "aws-config-checks", "aws-findings"};

    @Test
    void everyBuiltInRulePassesItsEmbeddedTestsAndHasAPositiveAndANegativeOne() {
        // Given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("test", "--require-coverage"));
        for (String pack : BUILT_IN) {
            args.addAll(List.of("--builtin", pack));
        }

        // When
        int exit = RuleTestCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // Then
        String report = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).doesNotContain("FAIL").endsWith(" failures\n").contains(", 0 failures");
    }

    @Test
    void everySigmaHqCorpusRuleLoadedFromItsDirectoryFiresOnItsPositiveRecordsAndNotOnItsNegativeOnes() {
        // Given: the 57 rules of ../shared/sigma-aws/rules, loaded as vigil.rules.sigma.directories loads them, with
        // the 131 CloudTrail records Vigil keeps for them, through the whole engine together with the built-in packs
        List<String> args = new ArrayList<>(List.of("test", "--require-coverage"));
        for (String pack : BUILT_IN) {
            args.addAll(List.of("--builtin", pack));
        }
        args.addAll(List.of("--sigma", SigmaCorpus.directory("rules").toString(), SigmaCorpus.ruleTests().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // When
        int exit = RuleTestCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // Then: the built-in packs' 198 - 131 embedded tests plus the 131 Sigma records, every rule covered both ways
        String report = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).isEqualTo("198 tests, 0 failures\n");
    }
}
