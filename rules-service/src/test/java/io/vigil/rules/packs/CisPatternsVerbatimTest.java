package io.vigil.rules.packs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import io.vigil.rules.cwlogs.FilterPattern;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in CIS pack carries AWS's CloudWatch.1-14 filter patterns verbatim, and each one parses. */
class CisPatternsVerbatimTest {

    private static final String SHARED_FILE = "shared/cis-cloudwatch-filter-patterns.json";
    private static final RulePack PACK = new RulePackLoader().loadBuiltIn("cis-aws-foundations");

    static Stream<String> controls() {
        return IntStream.rangeClosed(1, 14).mapToObj(n -> "CloudWatch." + n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void packPatternIsAwsTextVerbatimAndParses(String control) throws IOException {
        // Given
        String awsPattern = awsPatterns().path(control).path("pattern").asText(null);

        // When
        List<Rule> rules = PACK.rules().stream()
                .filter(rule -> rule.controls().contains("SecurityHub:" + control))
                .toList();

        // Then
        assertThat(awsPattern).as("pattern of %s in %s", control, SHARED_FILE).isNotNull();
        assertThat(rules).as("rules evidencing SecurityHub:%s", control).hasSize(1);
        assertThat(rules.getFirst().body()).isEqualTo(awsPattern);
        assertThat(FilterPattern.parse(rules.getFirst().body()).text()).isEqualTo(awsPattern);
    }

    private static JsonNode awsPatterns() throws IOException {
        return ContractJson.mapper().readTree(sharedFile().toFile()).get("controls");
    }

    /** Finds {@code shared/...} beside the repository, walking up from the module directory ({@code ../../shared}). */
    private static Path sharedFile() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve(SHARED_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find " + SHARED_FILE + " in " + dir + " or any parent directory");
    }
}
