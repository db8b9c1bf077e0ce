package io.vigil.rules.sigma;

import io.vigil.contract.Severity;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.model.YamlFiles;
import io.vigil.sigma.SigmaLevel;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRuleException;
import io.vigil.sigma.SigmaRuleLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a directory of plain Sigma rule files (standard SigmaHQ {@code .yml}/{@code .yaml} files, unchanged; searched
 * recursively, in path order) into a pack of {@code sigma}-dialect rules. Each file becomes one rule:
 * <ul>
 * <li>id: {@code sigma-} followed by the Sigma {@code id} in lower case, e.g.
 * {@code sigma-4db60cc0-36fb-42b7-9b58-a5b53019fb74}, stable across renames of the file;</li>
 * <li>title, tags ({@code sigma} first, then the Sigma tags), severity from {@code level} (informational becomes
 * info; a rule without a level is medium);</li>
 * <li>description: the Sigma description, followed by {@code False positives: ...} when the rule lists some;</li>
 * <li>body: the file's text as is, so the Sigma {@code author} reaches every alert as a {@code sigma-author:} tag
 * (the Detection Rule License's attribution duty).</li>
 * </ul>
 * A file that the sigma library cannot evaluate completely (an aggregation, an unsupported modifier or logsource, no
 * {@code id}, malformed YAML) either fails the whole load or is skipped and reported, as the
 * {@link UnsupportedSigmaRules policy} says. Stateless and thread-safe.
 */
public final class SigmaRuleFiles {

    /** Prefix of the Vigil rule id derived from a Sigma rule's id. */
    public static final String ID_PREFIX = "sigma-";

    private static final Pattern VIGIL_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final UnsupportedSigmaRules policy;

    /** @param policy what to do with a file that cannot be loaded */
    public SigmaRuleFiles(UnsupportedSigmaRules policy) {
        this.policy = policy;
    }

    /**
     * A directory's rules and the files that were skipped.
     *
     * @param pack the loaded rules, as a pack named {@code sigma:<directory>}
     * @param skipped the files that could not be loaded; empty unless the policy is {@link UnsupportedSigmaRules#SKIP}
     */
    public record Loaded(RulePack pack, List<Skipped> skipped) {

        public Loaded {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * A Sigma file that was not loaded.
     *
     * @param file the file
     * @param reason the sigma library's reason, e.g. {@code AGGREGATION}
     * @param message what is unsupported and where, naming the rule
     */
    public record Skipped(Path file, String reason, String message) {
    }

    /**
     * Loads every Sigma rule file under {@code directory}.
     *
     * @throws RuleLoadException when the directory is missing or holds no rule file, two files share a Sigma id, or
     *         (policy {@link UnsupportedSigmaRules#FAIL}) a file cannot be loaded; the message names the file and the
     *         reason, e.g. {@code (AGGREGATION)}
     */
    public Loaded load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RuleLoadException("vigil.rules.sigma.directories: " + directory + " is not a directory");
        }
        List<Path> files = YamlFiles.under(directory);
        if (files.isEmpty()) {
            throw new RuleLoadException("vigil.rules.sigma.directories: " + directory
                    + " holds no *.yml or *.yaml Sigma rule file");
        }
        List<Rule> rules = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path file : files) {
            Rule rule;
            try {
                rule = rule(file);
            } catch (UnloadableFile e) {
                Skipped skip = new Skipped(file, e.reason, e.getMessage());
                if (policy == UnsupportedSigmaRules.FAIL) {
                    throw new RuleLoadException(file + ": Sigma rule not supported (" + skip.reason() + "): "
                            + skip.message() + " (set vigil.rules.sigma.on-unsupported=skip to skip such files)", e);
                }
                skipped.add(skip);
                continue;
            }
            Path previous = ids.putIfAbsent(rule.id(), file);
            if (previous != null) {
                throw RuleLoadException.of(file.toString(), rule.id(), "id",
                        "duplicate Sigma rule id, already in " + previous);
            }
            rules.add(rule);
        }
        return new Loaded(new RulePack("sigma:" + directory, directory.toString(), rules), skipped);
    }

    /** @throws UnloadableFile when the file is not one Sigma rule the library can evaluate, or has no usable id */
    private static Rule rule(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleLoadException(file + ": cannot read: " + e.getMessage(), e);
        }
        SigmaRule sigma;
        try {
            sigma = SigmaRuleLoader.load(text);
        } catch (SigmaRuleException e) {
            throw new UnloadableFile(e.reason().name(), e.getMessage(), e);
        }
        String sigmaId = sigma.id().orElseThrow(() -> new UnloadableFile(SigmaRuleException.Reason.INVALID_RULE.name(),
                "Sigma rule '" + sigma.title() + "' at id: required, the Vigil rule id is derived from it", null));
        String id = ID_PREFIX + sigmaId.toLowerCase(Locale.ROOT);
        if (!VIGIL_ID.matcher(id).matches()) {
            throw new UnloadableFile(SigmaRuleException.Reason.INVALID_RULE.name(), "Sigma rule '" + sigma.title()
                    + "' at id: '" + sigmaId + "' must be letters, digits, '.', '_' and '-' (a UUID)", null);
        }
        List<String> tags = new ArrayList<>();
        tags.add("sigma");
        tags.addAll(sigma.tags());
        return new Rule(id, sigma.title(), description(sigma), severity(sigma), true, SigmaRuleDialect.NAME, text,
                tags, List.of(), null);
    }

    /** A file that is not a loadable Sigma rule: the library's reason and message. */
    private static final class UnloadableFile extends RuntimeException {

        private final String reason;

        UnloadableFile(String reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }
    }

    private static String description(SigmaRule sigma) {
        String description = sigma.description().map(String::strip).orElse("");
        if (sigma.falsePositives().isEmpty()) {
            return description;
        }
        String falsePositives = "False positives: " + String.join("; ", sigma.falsePositives());
        return description.isEmpty() ? falsePositives : description + "\n" + falsePositives;
    }

    private static Severity severity(SigmaRule sigma) {
        return switch (sigma.level().orElse(SigmaLevel.MEDIUM)) {
            case INFORMATIONAL -> Severity.INFO;
            case LOW -> Severity.LOW;
            case MEDIUM -> Severity.MEDIUM;
            case HIGH -> Severity.HIGH;
            case CRITICAL -> Severity.CRITICAL;
        };
    }
}
