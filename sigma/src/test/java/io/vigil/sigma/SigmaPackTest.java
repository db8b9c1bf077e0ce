package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's Sigma pack (rules-service/src/main/resources/packs/sigma-aws-cloudtrail.yaml) is the corpus, verbatim,
 * with attribution, the level mapped to a severity, and embedded tests that this library passes.
 */
class SigmaPackTest {

    private static final Map<SigmaLevel, String> SEVERITY = Map.of(SigmaLevel.INFORMATIONAL, "info", SigmaLevel.LOW,
            "low", SigmaLevel.MEDIUM, "medium", SigmaLevel.HIGH, "high", SigmaLevel.CRITICAL, "critical");

    private static Path packs;
    private static JsonNode pack;

    @BeforeAll
    static void readPack() throws IOException {
        packs = Path.of(System.getProperty("vigil.project.dir"), "rules-service", "src", "main", "resources", "packs");
        pack = new YAMLMapper().readTree(packs.resolve("sigma-aws-cloudtrail.yaml").toFile());
    }

    @Test
    void packHoldsEveryCorpusRuleVerbatimAsSigmaDialect() throws IOException {
        // Given
        List<Path> corpus = SigmaHqCorpusTest.ruleFiles("rules");

        // Then
        assertThat(pack.get("pack").textValue()).isEqualTo("sigma-aws-cloudtrail");
        assertThat(pack.get("rules")).hasSize(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            JsonNode rule = pack.get("rules").get(i);
            String file = corpus.get(i).getFileName().toString();
            assertThat(rule.get("id").textValue()).isEqualTo("sigma-" + file.replace(".yml", "").replace('_', '-'));
            assertThat(rule.get("dialect").textValue()).isEqualTo("sigma");
            assertThat(rule.get("body").textValue()).as(file).isEqualTo(Files.readString(corpus.get(i)));
        }
    }

    @Test
    void everyPackRuleKeepsItsAuthorAndMapsItsLevelToASeverity() throws IOException {
        String notice = Files.readString(packs.resolve("sigma-aws-cloudtrail-NOTICE.md"));
        for (JsonNode rule : pack.get("rules")) {
            // When
            SigmaRule sigma = SigmaRuleLoader.load(rule.get("body").textValue());

            // Then
            assertThat(rule.get("severity").textValue()).as(sigma.title())
                    .isEqualTo(SEVERITY.get(sigma.level().orElseThrow()));
            assertThat(rule.get("title").textValue()).isEqualTo(sigma.title());
            assertThat(notice).contains("| `" + rule.get("id").textValue() + "` | `" + sigma.id().orElseThrow() + "` | "
                    + sigma.author().orElseThrow().replace("|", "\\|") + " |");
        }
        assertThat(notice).contains("Detection Rule License (DRL) 1.1");
    }

    @Test
    void everyEmbeddedTestOfThePackAgreesWithTheRule() {
        // Given
        List<String> failures = new ArrayList<>();
        int tests = 0;

        for (JsonNode rule : pack.get("rules")) {
            SigmaRule sigma = SigmaRuleLoader.load(rule.get("body").textValue());
            boolean positive = false;
            boolean negative = false;
            for (JsonNode test : rule.get("tests")) {
                boolean expected = test.get("expect").textValue().equals("match");
                positive |= expected;
                negative |= !expected;
                tests++;
                // When
                boolean verdict = sigma.matches(test.get("cloudtrail"));

                // Then
                if (verdict != expected) {
                    failures.add(rule.get("id").textValue() + ": " + test.get("name").textValue());
                }
            }
            assertThat(positive && negative).as(rule.get("id").textValue() + " has a match and a no-match test")
                    .isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(tests).isGreaterThanOrEqualTo(114);
    }
}
