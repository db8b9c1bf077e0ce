package io.vigil.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vigil.contract.Severity;
import io.vigil.rules.TestEvents;
import io.vigil.rules.dialect.RuleMatcher;
import io.vigil.rules.engine.RuleEngine;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.testing.RuleTestCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sigma dialect on the shared corpus: every supported rule loads into the engine, every unsupported one is refused.
 */
class SigmaRuleDialectTest {

    private static final String CORPUS = "shared/sigma-aws";

    static Stream<Path> supported() {
        return files("rules");
    }

    static Stream<Path> unsupported() {
        return files("unsupported");
    }

    @Test
    void everyRuleOfTheCorpusCompilesIntoOneEngineWithItsPrefilterInTheSharedAutomaton() {
        // Given
        List<Rule> rules = supported().map(SigmaRuleDialectTest::rule).toList();

        // When
        RuleEngine engine = RuleEngine.compile(List.of(new RulePack("corpus", CORPUS, rules)),
                RuleTestCommand.standardDialects());

        // Then
        assertThat(rules).hasSize(57);
        assertThat(engine.enabledCount()).isEqualTo(57);
        assertThat(engine.prefilteredCount()).as("rules in the shared automaton").isGreaterThanOrEqualTo(50);
        assertThat(engine.evaluate(TestEvents.sample(TestEvents.DESCRIBE_INSTANCES)).failures()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void anAggregationRuleIsRejectedWithThatReasonAndNothingIsLoaded(Path file) {
        // Given
        Rule rule = rule(file);

        // When
        Throwable thrown = catchThrowable(() -> RuleEngine.compile(List.of(new RulePack("corpus", CORPUS,
                List.of(rule))), RuleTestCommand.standardDialects()));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessageStartingWith(CORPUS + ": rule '" + rule.id() + "': field 'body': Sigma rule rejected "
                        + "(AGGREGATION): ");
    }

    @Test
    void aRuleMatchesTheCloudTrailRecordOnlyOfCloudTrailEvents() {
        // Given
        RuleMatcher matcher = new SigmaRuleDialect().compile(new Rule("s", "Stop logging", null, Severity.HIGH, true,
                SigmaRuleDialect.NAME, """
                        title: Stop logging
                        logsource:
                            product: aws
                            service: cloudtrail
                        detection:
                            selection:
                                eventName|startswith: stop
                            condition: selection
                        """, List.of(), List.of(), null));

        // When
        boolean stop = matcher.matches(TestEvents.sample(TestEvents.STOP_LOGGING));

        // Then
        assertThat(stop).isTrue();
        assertThat(matcher.matches(TestEvents.sample(TestEvents.DESCRIBE_INSTANCES))).isFalse();
        assertThat(matcher.prefilter().patterns()).allMatch(p -> p.startsWith("{\"detail\":"));
        assertThat(matcher.prefilter().cloudTrailOnly()).isTrue();
    }

    @Test
    void aRegexRuleWhoseLibraryPrefilterIsAWildcardIsInterpretedOnEveryEventAndStillMatches() {
        // Given
        Rule rule = new Rule("imds", "IMDS", null, Severity.HIGH, true, SigmaRuleDialect.NAME, """
                title: IMDS
                logsource: {product: aws, service: cloudtrail}
                detection:
                    selection:
                        userIdentity.arn|re: '.+:user/ali.+'
                    condition: selection
                """, List.of(), List.of(), null);

        // When
        RuleMatcher matcher = new SigmaRuleDialect().compile(rule);

        // Then
        assertThat(io.vigil.sigma.SigmaRuleLoader.load(rule.body()).prefilter().patterns())
                .containsExactly("{\"userIdentity\":{\"arn\":[{\"wildcard\":\"*:user/ali*\"},{\"exists\":false}]}}");
        assertThat(matcher.prefilter().patterns()).isEmpty();
        assertThat(matcher.matches(TestEvents.sample(TestEvents.STOP_LOGGING))).isTrue();
    }

    @Test
    void alertsOfASigmaRuleCarryItsAuthorAsTheLicenceRequires() {
        // Given
        Rule rule = new Rule("s", "Stop logging", null, Severity.HIGH, true, SigmaRuleDialect.NAME, """
                title: Stop logging
                author: Jane Doe
                logsource: {product: aws, service: cloudtrail}
                detection:
                    selection:
                        eventName: StopLogging
                    condition: selection
                """, List.of("sigma"), List.of(), null);
        RuleEngine engine = RuleEngine.compile(List.of(new RulePack("p", "p.yaml", List.of(rule))),
                RuleTestCommand.standardDialects());

        // When
        List<Rule> matched = engine.evaluate(TestEvents.sample(TestEvents.STOP_LOGGING)).matched();

        // Then
        assertThat(matched).singleElement().extracting(Rule::tags).isEqualTo(List.of("sigma", "sigma-author:Jane Doe"));
    }

    private static Rule rule(Path file) {
        try {
            String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "").toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-');
            return new Rule(id, id, null, Severity.MEDIUM, true, SigmaRuleDialect.NAME, Files.readString(file),
                    List.of(), List.of(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files(String folder) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve(CORPUS).resolve(folder);
            if (Files.isDirectory(candidate)) {
                try (Stream<Path> files = Files.list(candidate)) {
                    return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                            .sorted().toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("Cannot find " + CORPUS + "/" + folder + " above " + dir);
    }
}
