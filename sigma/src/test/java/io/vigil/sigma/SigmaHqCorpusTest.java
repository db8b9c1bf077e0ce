package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Walks the SigmaHQ AWS CloudTrail corpus in ../shared/sigma-aws: every rule loads; the aggregations are rejected. */
class SigmaHqCorpusTest {

    static Path corpus(String directory) {
        String shared = System.getProperty("vigil.shared.dir");
        assertThat(shared).as("system property vigil.shared.dir (set by surefire)").isNotNull();
        return Path.of(shared, "sigma-aws", directory);
    }

    static List<Path> ruleFiles(String directory) throws IOException {
        try (Stream<Path> files = Files.list(corpus(directory))) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyRuleOfTheCorpusLoadsAndEvaluates() throws IOException {
        // Given
        List<Path> files = ruleFiles("rules");
        assertThat(files).hasSize(57);
        com.fasterxml.jackson.databind.node.ObjectNode record = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode().put("eventSource", "s3.amazonaws.com").put("eventName", "Nothing");

        for (Path file : files) {
            // When
            SigmaRule rule = SigmaRuleLoader.load(Files.readString(file));

            // Then
            assertThat(rule.title()).as(file.toString()).isNotBlank();
            assertThat(rule.logsource()).isEqualTo(new SigmaLogsource("aws", "cloudtrail", null));
            assertThat(rule.matches(record)).as(file.toString()).isFalse();
        }
    }

    @Test
    void everyUnsupportedAggregationRuleIsRejectedWithTheAggregationReason() throws IOException {
        List<Path> files = ruleFiles("unsupported");
        assertThat(files).hasSize(8);
        for (Path file : files) {
            String yaml = Files.readString(file);
            assertThatThrownBy(() -> SigmaRuleLoader.load(yaml)).as(file.toString())
                    .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                        assertThat(e.reason()).isEqualTo(SigmaRuleException.Reason.AGGREGATION);
                        assertThat(e.ruleTitle()).isNotBlank();
                        assertThat(e.getMessage()).contains(e.ruleTitle());
                    });
        }
    }
}
