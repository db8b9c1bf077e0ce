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
import io.vigil.rules.sigma.SigmaRuleDialect;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/vigil-rules test [--require-coverage] [--builtin <pack>]... <file-or-dir>...}: runs the embedded tests
 * of rule packs and prints each failure with its event and the difference. Exit code 0 when all pass, 1 when a test
 * fails, 2 when the rules do not load or the arguments are wrong.
 */
public final class RuleTestCommand {

    private static final String USAGE = "usage: vigil-rules test [--require-coverage] [--builtin <pack>]... "
            + "<pack file or directory>...";

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
        List<String> builtIn = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--require-coverage" -> coverage = true;
                case "--builtin" -> {
                    if (i + 1 >= args.length) {
                        err.println(USAGE);
                        return 2;
                    }
                    builtIn.add(args[++i]);
                }
                default -> paths.add(Path.of(args[i]));
            }
        }
        RulePackLoader loader = new RulePackLoader();
        RuleTestReport report;
        try {
            List<RulePack> packs = new ArrayList<>(loader.loadBuiltIn(builtIn));
            for (Path path : paths) {
                if (!Files.exists(path)) {
                    err.println("No such file or directory: " + path);
                    return 2;
                }
                packs.add(loader.loadPath(path));
            }
            report = new RuleTestRunner(standardDialects()).run(packs, coverage);
        } catch (RuleLoadException e) {
            err.println("Cannot load rules: " + e.getMessage());
            return 2;
        }
        out.print(report.render());
        return report.passed() ? 0 : 1;
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
