package io.vigil.rules.testing;

import io.vigil.contract.Severity;
import io.vigil.rules.config.ConfigRuleDialect;
import io.vigil.rules.cwlogs.CloudWatchFilterRuleDialect;
import io.vigil.rules.dialect.RuleDialect;
import io.vigil.rules.eventbridge.EventBridgeRuleDialect;
import io.vigil.rules.findings.FindingRuleDialect;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.packs.RulePackLoader;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.sigma.SigmaRuleDialect;
import io.vigil.rules.sigma.SigmaRuleFiles;
import io.vigil.rules.sigma.UnsupportedSigmaRules;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/vigil-rules test [--require-coverage] [--builtin <pack>]... [--sigma <dir>]... [--skip-unsupported]
 * <pack, rule file, rule-tests file or directory>...}: runs the tests of rules and prints each failure with its event
 * and the difference.
 * <ul>
 * <li>{@code --builtin <pack>}: a built-in pack (classpath {@code packs/<pack>.yaml}).</li>
 * <li>{@code --sigma <dir>}: a directory of plain Sigma rule files, loaded as the service loads
 * {@code vigil.rules.sigma.directories} (ids {@code sigma-<Sigma id>}); a file that cannot be loaded is a load error,
 * or with {@code --skip-unsupported} is skipped and listed on standard error.</li>
 * <li>Paths: pack files and directories of rule files (their embedded tests run), and rule-tests files or directories
 * of them ({@code rule-tests:} mapping rule ids to tests), whose tests are added to the rules of those ids, e.g. tests
 * kept apart from Sigma rules that are not Vigil's.</li>
 * </ul>
 * Exit code 0 when all pass, 1 when a test fails, 2 when the rules do not load, a rule-tests file names a rule that is
 * not loaded, or the arguments are wrong.
 */
public final class RuleTestCommand {

    private static final String USAGE = "usage: vigil-rules test [--require-coverage] [--builtin <pack>]... "
            + "[--sigma <dir>]... [--skip-unsupported] <pack, rule file, rule-tests file or directory>...";

    private RuleTestCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !args[0].equals("test")) {
            err.println(USAGE);
            return 2;
        }
        boolean coverage = false;
        boolean skipUnsupported = false;
        List<String> builtIn = new ArrayList<>();
        List<Path> sigmaDirectories = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--require-coverage" -> coverage = true;
                case "--skip-unsupported" -> skipUnsupported = true;
                case "--builtin", "--sigma" -> {
                    if (i + 1 >= args.length) {
                        err.println(USAGE);
                        return 2;
                    }
                    if (args[i].equals("--builtin")) {
                        builtIn.add(args[++i]);
                    } else {
                        sigmaDirectories.add(Path.of(args[++i]));
                    }
                }
                default -> paths.add(Path.of(args[i]));
            }
        }
        RulePackLoader loader = new RulePackLoader();
        RuleTestReport report;
        try {
            List<RulePack> packs = new ArrayList<>(loader.loadBuiltIn(builtIn));
            SigmaRuleFiles sigma = new SigmaRuleFiles(skipUnsupported
                    ? UnsupportedSigmaRules.SKIP
                    : UnsupportedSigmaRules.FAIL);
            for (Path directory : sigmaDirectories) {
                SigmaRuleFiles.Loaded loaded = sigma.load(directory);
                loaded.skipped().forEach(s -> err.println("Skipped " + s.file() + " (" + s.reason() + "): "
                        + s.message()));
                packs.add(loaded.pack());
            }
            Map<String, List<RuleTest>> extraTests = new LinkedHashMap<>();
            for (Path path : paths) {
                if (!Files.exists(path)) {
                    err.println("No such file or directory: " + path);
                    return 2;
                }
                if (loader.isRuleTests(path)) {
                    loader.loadRuleTests(path).forEach((id, tests) -> extraTests.merge(id, tests,
                            RuleTestCommand::concat));
                } else {
                    packs.add(loader.loadPath(path));
                }
            }
            report = new RuleTestRunner(standardDialects()).run(withTests(packs, extraTests), coverage);
        } catch (RuleLoadException e) {
            err.println("Cannot load rules: " + e.getMessage());
            return 2;
        }
        out.print(report.render());
        return report.passed() ? 0 : 1;
    }

    /** @throws RuleLoadException when a test is for a rule that is not loaded */
    private static List<RulePack> withTests(List<RulePack> packs, Map<String, List<RuleTest>> tests) {
        Map<String, List<RuleTest>> unused = new LinkedHashMap<>(tests);
        List<RulePack> result = packs.stream()
                .map(pack -> new RulePack(pack.name(), pack.source(), pack.rules().stream()
                        .map(rule -> {
                            List<RuleTest> more = unused.remove(rule.id());
                            return more == null ? rule : rule.withMoreTests(more);
                        })
                        .toList()))
                .toList();
        if (!unused.isEmpty()) {
            throw new RuleLoadException("rule-tests for rules that are not loaded: "
                    + String.join(", ", unused.keySet()));
        }
        return result;
    }

    private static List<RuleTest> concat(List<RuleTest> a, List<RuleTest> b) {
        List<RuleTest> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** @return every dialect with its default settings, as the service configures them by default */
    public static Map<String, RuleDialect> standardDialects() {
        return Map.of(
                CloudWatchFilterRuleDialect.NAME, new CloudWatchFilterRuleDialect(),
                EventBridgeRuleDialect.NAME, new EventBridgeRuleDialect(20),
                SigmaRuleDialect.NAME, new SigmaRuleDialect(),
                ConfigRuleDialect.NAME, new ConfigRuleDialect(),
                FindingRuleDialect.NAME, new FindingRuleDialect(Severity.MEDIUM));
    }
}
