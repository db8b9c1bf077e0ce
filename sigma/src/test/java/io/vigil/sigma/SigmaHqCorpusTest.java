package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks the SigmaHQ AWS CloudTrail corpus in ../shared/sigma-aws: every rule loads and gives the expected verdict on
 * its positive and negative CloudTrail records; the aggregation rules are rejected with that reason.
 */
class SigmaHqCorpusTest {

    /** A CloudTrail record written for a rule, with whether the rule must match it. */
    record Example(String rule, String name, JsonNode record, boolean expected) {
    }

    static Path corpus(String directory) {
        String shared = System.getProperty("vigil.shared.dir");
        assertThat(shared).as("system property vigil.shared.dir (set by surefire)").isNotNull();
        return Path.of(shared, "sigma-aws", directory);
    }

    static List<Path> ruleFiles(String directory) {
        try (Stream<Path> files = Files.list(corpus(directory))) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 57 corpus rules by file name. */
    static Map<String, SigmaRule> corpusRules() {
        Map<String, SigmaRule> rules = new TreeMap<>();
        for (Path file : ruleFiles("rules")) {
            try {
                rules.put(file.getFileName().toString(), SigmaRuleLoader.load(Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rules;
    }

    /** The positive and negative records of src/test/resources/sigmahq-cloudtrail-records.json. */
    static List<Example> examples() {
        try (InputStream in = SigmaHqCorpusTest.class.getResourceAsStream("/sigmahq-cloudtrail-records.json")) {
            JsonNode all = new ObjectMapper().readTree(in);
            List<Example> examples = new ArrayList<>();
            all.properties().forEach(rule -> {
                rule.getValue().get("match").forEach(example -> examples
                        .add(new Example(rule.getKey(), example.get("name").textValue(), example.get("record"), true)));
                rule.getValue().get("noMatch").forEach(example -> examples.add(
                        new Example(rule.getKey(), example.get("name").textValue(), example.get("record"), false)));
            });
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRuleOfTheCorpusLoads() {
        // When
        Map<String, SigmaRule> rules = corpusRules();

        // Then
        assertThat(rules).hasSize(57);
        rules.forEach((file, rule) -> {
            assertThat(rule.title()).as(file).isNotBlank();
            assertThat(rule.id()).as(file).isPresent();
            assertThat(rule.level()).as(file).isPresent();
            assertThat(rule.author()).as(file).isPresent();
            assertThat(rule.logsource()).as(file).isEqualTo(new SigmaLogsource("aws", "cloudtrail", null));
        });
    }

    @Test
    void aRulesMetadataIsReadAsWritten() {
        // When
        SigmaRule rule = corpusRules().get("aws_cloudtrail_disable_logging.yml");

        // Then
        assertThat(rule.title()).isEqualTo("AWS CloudTrail Important Change");
        assertThat(rule.id()).contains("4db60cc0-36fb-42b7-9b58-a5b53019fb74");
        assertThat(rule.status()).contains("test");
        assertThat(rule.level()).contains(SigmaLevel.MEDIUM);
        assertThat(rule.description()).contains("Detects disabling, deleting and updating of a Trail");
        assertThat(rule.references()).containsExactly(
                "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html");
        assertThat(rule.author()).contains("vitaliy0x1");
        assertThat(rule.date()).contains("2020-01-21");
        assertThat(rule.modified()).contains("2022-10-09");
        assertThat(rule.tags()).containsExactly("attack.defense-impairment", "attack.t1685.002");
        assertThat(rule.falsePositives()).containsExactly("Valid change in a Trail");
        assertThat(rule.license()).isEmpty();
        assertThat(rule.source()).startsWith("title: AWS CloudTrail Important Change\n");
    }

    @Test
    void everyCorpusRuleHasAPositiveAndANegativeRecord() {
        // Given
        List<Example> examples = examples();

        // Then
        for (String file : corpusRules().keySet()) {
            assertThat(examples).as(file).anyMatch(e -> e.rule().equals(file) && e.expected());
            assertThat(examples).as(file).anyMatch(e -> e.rule().equals(file) && !e.expected());
        }
    }

    @Test
    void everyCorpusRuleGivesTheExpectedVerdictOnItsRecords() {
        // Given
        Map<String, SigmaRule> rules = corpusRules();
        List<String> wrong = new ArrayList<>();

        // When
        for (Example example : examples()) {
            boolean verdict = rules.get(example.rule()).matches(example.record());
            if (verdict != example.expected()) {
                wrong.add(example.rule() + ": '" + example.name() + "' expected " + example.expected());
            }
        }

        // Then
        assertThat(wrong).isEmpty();
    }

    @Test
    void eachPositiveRecordFiresExactlyItsRuleAndTheRulesThatLegitimatelyOverlap() {
        // Given: two positive records also satisfy a second rule by design of those rules
        Map<String, SigmaRule> rules = corpusRules();
        Map<String, List<String>> alsoFiring = Map.of("aws_cloudtrail_imds_malicious_usage.yml",
                List.of("aws_sts_assumerole_misuse.yml"), "aws_cloudtrail_pua_trufflehog.yml",
                List.of("aws_sts_getcalleridentity_trufflehog.yml"));

        for (Example example : examples()) {
            if (!example.expected()) {
                continue;
            }
            // When
            List<String> firing = rules.entrySet().stream().filter(rule -> rule.getValue().matches(example.record()))
                    .map(Map.Entry::getKey).toList();

            // Then
            List<String> expected = new ArrayList<>(List.of(example.rule()));
            expected.addAll(alsoFiring.getOrDefault(example.rule(), List.of()));
            assertThat(firing).as(example.rule() + ": " + example.name()).containsExactlyInAnyOrderElementsOf(expected);
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
                        assertThat(e.getMessage()).contains(e.ruleTitle()).containsAnyOf("aggregation", "timeframe");
                    });
        }
    }
}
