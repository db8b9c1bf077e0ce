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
        Files.writeString(file,
                """
                        pack: only-positive
                        rules:
                          - id: r1
                            title: r1
                            severity: low
                            dialect: eventbridge
                            body: '{"detail":{"eventName":["StopLogging"]}}'
                            tests:
                              - name: fires
                                expect: match
                                cloudtrail: {eventName: StopLogging, eventSource: cloudtrail.amazonaws.com}
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

    @Test
    void ruleTestsFileTestsSigmaRulesOfADirectoryByTheirDerivedIdsAndReportsAFailure() throws IOException {
        // Given: a plain Sigma rule in a nested directory and a rule-tests file for it kept elsewhere
        Path sigma = Files.createDirectories(dir.resolve("sigma/cloud/aws"));
        Files.writeString(sigma.resolve("stop.yml"), """
                title: Stop logging
                id: 0F7E6A3C-1111-4c2b-9d3e-8a5b6c7d8e9f
                logsource: {product: aws, service: cloudtrail}
                detection:
                    selection:
                        eventName: StopLogging
                    condition: selection
                level: high
                """);
        Path tests = dir.resolve("stop.tests.yaml");
        Files.writeString(tests,
                """
                        rule-tests:
                          sigma-0f7e6a3c-1111-4c2b-9d3e-8a5b6c7d8e9f:
                            - name: fires
                              expect: match
                              cloudtrail: {eventName: StopLogging, eventSource: cloudtrail.amazonaws.com}
                            - name: wrongly quiet
                              expect: no-match
                              cloudtrail: {eventName: StopLogging, eventSource: cloudtrail.amazonaws.com}
                        """);

        // When
        int exit = run("test", "--require-coverage", "--sigma", dir.resolve("sigma").toString(), tests.toString());

        // Then
        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).startsWith("FAIL " + dir.resolve("sigma") + ": rule 'sigma-0f7e6a3c-1111-4c2b-9d3e-"
                + "8a5b6c7d8e9f': test 'wrongly quiet'\n  expected no-match but was match\n").endsWith(
                        "2 tests, 1 failures\n");
    }

    @Test
    void ruleTestsForARuleThatIsNotLoadedAndAnUnsupportedSigmaFileExitWithTwo() throws IOException {
        // Given
        Path tests = dir.resolve("t.yaml");
        Files.writeString(tests, """
                rule-tests:
                  sigma-not-loaded:
                    - {name: fires, expect: match, cloudtrail: {eventName: StopLogging}}
                """);
        Path unsupported = io.vigil.rules.SigmaCorpus.directory("unsupported");

        // When
        int exit = run("test", tests.toString());

        // Then
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("Cannot load rules: rule-tests for rules that are not loaded: sigma-not-loaded\n");
        err.reset();
        assertThat(run("test", "--sigma", unsupported.toString(), tests.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Cannot load rules: "
                + unsupported.resolve("aws_ec2_download_userdata.yml") + ": Sigma rule not supported (AGGREGATION)");
        err.reset();
        assertThat(run("test", "--skip-unsupported", "--sigma", unsupported.toString(), tests.toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(9)
                .filteredOn(line -> line.startsWith("Skipped ") && line.contains(" (AGGREGATION): ")).hasSize(8);
    }

    private int run(String... args) {
        return RuleTestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
