package io.vigil.bench.rules;

import io.vigil.rules.model.RulePack;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.packs.RulePackLoader;
import io.vigil.rules.sigma.SigmaRuleFiles;
import io.vigil.rules.sigma.UnsupportedSigmaRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The 57 SigmaHQ CloudTrail rules the rules benchmark measures. Vigil ships no Sigma rules, so they are read from the
 * external corpus next to the repository, {@code ../shared/sigma-aws/rules}, exactly as the service reads
 * {@code vigil.rules.sigma.directories}, with the CloudTrail records Vigil keeps for them
 * ({@code rules-service/src/test/resources/sigma}) as their tests, which the event mix is built from. Both paths are
 * found from the repository root (the nearest directory above the working directory holding {@code mvnw} and
 * {@code rules-service}); the system properties {@value #RULES_PROPERTY} and {@value #TESTS_PROPERTY} override them.
 */
final class SigmaCorpusRules {

    static final String RULES_PROPERTY = "vigil.bench.sigma-rules";
    static final String TESTS_PROPERTY = "vigil.bench.sigma-rule-tests";

    private SigmaCorpusRules() {
    }

    /**
     * @return the corpus rules, each with its tests
     * @throws IllegalStateException when the corpus or its tests are not where they should be
     */
    static RulePack load() {
        Path rules = path(RULES_PROPERTY, "../shared/sigma-aws/rules");
        Path tests = path(TESTS_PROPERTY, "rules-service/src/test/resources/sigma");
        RulePack pack = new SigmaRuleFiles(UnsupportedSigmaRules.FAIL).load(rules).pack();
        Map<String, List<RuleTest>> byRule = new RulePackLoader().loadRuleTests(tests);
        return new RulePack(pack.name(), pack.source(), pack.rules().stream()
                .map(rule -> rule.withMoreTests(byRule.getOrDefault(rule.id(), List.of())))
                .toList());
    }

    private static Path path(String property, String fromRoot) {
        String configured = System.getProperty(property);
        Path path = configured != null ? Path.of(configured) : root().resolve(fromRoot).normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("The rules benchmark needs the SigmaHQ corpus and its rule tests: " + path
                    + " is not a directory (set -D" + property + "=<directory>)");
        }
        return path;
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("rules-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (a directory with mvnw and rules-service) "
                + "above " + Path.of("").toAbsolutePath() + "; set -D" + RULES_PROPERTY + " and -D" + TESTS_PROPERTY);
    }
}
