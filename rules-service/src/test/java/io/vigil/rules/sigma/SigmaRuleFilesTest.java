package io.vigil.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vigil.contract.Severity;
import io.vigil.rules.SigmaCorpus;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain Sigma rule files in a directory become {@code sigma}-dialect rules; files that cannot be loaded fail or are
 * skipped.
 */
class SigmaRuleFilesTest {

    @TempDir
    Path dir;

    @Test
    void everySigmaHqRuleOfTheDirectoryBecomesARuleWithItsMetadataAndItsFileAsTheBody() throws IOException {
        // Given
        Path rules = SigmaCorpus.directory("rules");

        // When
        SigmaRuleFiles.Loaded loaded = new SigmaRuleFiles(UnsupportedSigmaRules.FAIL).load(rules);

        // Then
        assertThat(loaded.skipped()).isEmpty();
        assertThat(loaded.pack().rules()).hasSize(57).allMatch(r -> r.dialect().equals(SigmaRuleDialect.NAME));
        Rule disableLogging = loaded.pack().rules().stream()
                .filter(r -> r.id().equals(SigmaCorpus.AWS_CLOUDTRAIL_DISABLE_LOGGING))
                .findFirst().orElseThrow();
        assertThat(disableLogging.title()).isEqualTo("AWS CloudTrail Important Change");
        assertThat(disableLogging.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(disableLogging.tags()).isEqualTo(List.of("sigma", "attack.defense-impairment", "attack.t1685.002"));
        assertThat(disableLogging.description()).isEqualTo("Detects disabling, deleting and updating of a Trail\n"
                + "False positives: Valid change in a Trail");
        assertThat(disableLogging.body())
                .isEqualTo(Files.readString(rules.resolve("aws_cloudtrail_disable_logging.yml")));
        assertThat(disableLogging.enabled()).isTrue();
    }

    @Test
    void anAggregationRuleFailsTheLoadNamingTheFileAndTheUnsupportedFeature() {
        // Given
        Path unsupported = SigmaCorpus.directory("unsupported");

        // When
        Throwable thrown = catchThrowable(() -> new SigmaRuleFiles(UnsupportedSigmaRules.FAIL).load(unsupported));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessageStartingWith(unsupported.resolve("aws_ec2_download_userdata.yml")
                        + ": Sigma rule not supported (AGGREGATION): Sigma rule 'AWS EC2 Download Userdata' (id "
                        + "26ff4080-194e-47e7-9889-ef7602efed0c) at detection.timeframe: 'timeframe' is not supported");
    }

    @Test
    void underTheSkipPolicyEveryAggregationRuleIsSkippedWithItsReason() throws IOException {
        // Given
        Path unsupported = SigmaCorpus.directory("unsupported");

        // When
        SigmaRuleFiles.Loaded loaded = new SigmaRuleFiles(UnsupportedSigmaRules.SKIP).load(unsupported);

        // Then
        assertThat(loaded.pack().rules()).isEmpty();
        try (var files = Files.list(unsupported)) {
            assertThat(loaded.skipped()).extracting(SigmaRuleFiles.Skipped::file)
                    .containsExactlyElementsOf(files.filter(f -> f.toString().endsWith(".yml")).sorted().toList());
        }
        assertThat(loaded.skipped()).hasSize(8).allMatch(s -> s.reason().equals("AGGREGATION")
                && s.message().startsWith("Sigma rule '"));
    }

    @Test
    void subdirectoriesAreSearchedAsInSigmaHqsNestedLayoutAndOtherFilesIgnored() throws IOException {
        // Given
        Path nested = Files.createDirectories(dir.resolve("cloud/aws/cloudtrail"));
        Files.writeString(nested.resolve("stop.yml"), rule("0f7e6a3c-1111-4c2b-9d3e-8a5b6c7d8e9f", "high"));
        Files.writeString(dir.resolve("README.md"), "not a rule");

        // When
        List<Rule> rules = new SigmaRuleFiles(UnsupportedSigmaRules.FAIL).load(dir).pack().rules();

        // Then
        assertThat(rules).extracting(Rule::id, Rule::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sigma-0f7e6a3c-1111-4c2b-9d3e-8a5b6c7d8e9f",
                        Severity.HIGH));
    }

    @Test
    void aRuleWithoutAnIdCannotGetAVigilIdAndIsRefused() throws IOException {
        // Given
        Files.writeString(dir.resolve("no-id.yml"), rule(null, "low"));

        // When
        Throwable thrown = catchThrowable(() -> new SigmaRuleFiles(UnsupportedSigmaRules.FAIL).load(dir));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class).hasMessage(dir.resolve("no-id.yml")
                + ": Sigma rule not supported (INVALID_RULE): Sigma rule 'Stop logging' at id: required, the Vigil "
                + "rule id is derived from it (set vigil.rules.sigma.on-unsupported=skip to skip such files)");
    }

    @Test
    void twoFilesWithOneSigmaIdAndMissingOrEmptyDirectoriesAreErrors() throws IOException {
        // Given
        String id = "0f7e6a3c-1111-4c2b-9d3e-8a5b6c7d8e9f";
        Path twice = Files.createDirectories(dir.resolve("twice"));
        Files.writeString(twice.resolve("a.yml"), rule(id, "low"));
        Files.writeString(twice.resolve("b.yaml"), rule(id, "low"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        SigmaRuleFiles files = new SigmaRuleFiles(UnsupportedSigmaRules.SKIP);

        // When
        Throwable duplicate = catchThrowable(() -> files.load(twice));

        // Then
        assertThat(duplicate).hasMessage(twice.resolve("b.yaml") + ": rule 'sigma-" + id
                + "': field 'id': duplicate Sigma rule id, already in " + twice.resolve("a.yml"));
        assertThat(catchThrowable(() -> files.load(empty))).hasMessage("vigil.rules.sigma.directories: " + empty
                + " holds no *.yml or *.yaml Sigma rule file");
        assertThat(catchThrowable(() -> files.load(dir.resolve("missing")))).hasMessage(
                "vigil.rules.sigma.directories: " + dir.resolve("missing") + " is not a directory");
    }

    private static String rule(String id, String level) {
        return "title: Stop logging\n" + (id == null ? "" : "id: " + id + "\n") + """
                logsource: {product: aws, service: cloudtrail}
                detection:
                    selection:
                        eventName: StopLogging
                    condition: selection
                level:\s""" + level + "\n";
    }
}
