package io.vigil.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil-rules test} on a directory of rule files: output and exit code. */
class RuleTestCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aFailingTestIsPrintedWithItsEventAndTheDifferenceAndExitsWithOne() throws IOException {
        // Given: a directory pack, one rule per file; the second rule's negative test is wrong
        Path pack = Files.createDirectories(dir.resolve("my-rules"));
        Files.writeString(pack.resolve("stop-logging.yaml"), """
                id: my-stop-logging
                title: Stop logging
                severity: high
                dialect: eventbridge
                body: '{"detail":{"eventName":["StopLogging"]}}'
                tests:
                  - name: fires
                    expect: match
                    cloudtrail: {eventSource: cloudtrail.amazonaws.com, eventName: StopLogging}
                  - name: quiet
                    expect: no-match
                    cloudtrail: {eventSource: cloudtrail.amazonaws.com, eventName: DescribeTrails}
                """);
        Files.writeString(pack.resolve("nested-dir-rule.yml"), """
                id: my-delete-trail
                title: Delete trail
                severity: high
                dialect: cloudwatch-filter
                body: '{ $.eventName = DeleteTrail }'
                tests:
                  - name: wrongly expects no match
                    expect: no-match
                    cloudtrail: {eventSource: cloudtrail.amazonaws.com, eventName: DeleteTrail}
                """);

        // When
        int exit = run("test", pack.toString());

        // Then
        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEqualTo("""
                FAIL %s: rule 'my-delete-trail': test 'wrongly expects no match'
                  expected no-match but was match
                  event:
                    {
                      "eventSource" : "cloudtrail.amazonaws.com",
                      "eventName" : "DeleteTrail"
                    }
                3 tests, 1 failures
                """.formatted(pack));
    }

    @Test
    void passingTestsExitWithZeroAndCoverageIsEnforcedOnRequest() throws IOException {
        // Given
        Path file = dir.resolve("only-positive.yaml");
        Files.writeString(file, """
                pack: only-positive
                rules:
                  - id: r1
                    title: r1
                    severity: low
                    dialect: eventbridge
                    body: '{"detail":{"eventName":["StopLogging"]}}'
                    tests:
                      - {name: fires, expect: match, cloudtrail: {eventName: StopLogging, eventSource: cloudtrail.amazonaws.com}}
                """);

        // When
        int exit = run("test", file.toString());

        // Then
        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("1 tests, 0 failures\n");
        out.reset();
        assertThat(run("test", "--require-coverage", file.toString())).isEqualTo(1);
        assertThat(stdout()).isEqualTo("FAIL " + file + ": rule 'r1': test '(coverage)'\n"
                + "  needs at least one 'expect: match' and one 'expect: no-match' test; has no no-match test\n"
                + "1 tests, 1 failures\n");
    }

    @Test
    void rulesThatDoNotLoadExitWithTwoAndNameTheProblem() throws IOException {
        // Given
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                pack: broken
                rules:
                  - {id: r1, title: r1, severity: low, dialect: cloudwatch-filter, body: '{ $.eventName = }'}
                """);

        // When
        int exit = run("test", file.toString());

        // Then
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Cannot load rules: " + file + ": rule 'r1': "
                + "field 'body': invalid cloudwatch-filter pattern: Expected a value at position 16 but found '}'\n");
    }

    private int run(String... args) {
        return RuleTestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
