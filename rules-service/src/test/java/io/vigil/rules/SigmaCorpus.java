package io.vigil.rules;

import io.vigil.rules.model.RulePack;
import io.vigil.rules.sigma.SigmaRuleFiles;
import io.vigil.rules.sigma.UnsupportedSigmaRules;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SigmaHQ AWS CloudTrail rules, an external test corpus outside the repository ({@code ../shared/sigma-aws},
 * located through the {@code vigil.shared.dir} system property surefire sets), the rule tests Vigil keeps for them
 * ({@code src/test/resources/sigma}), and the Vigil ids of the rules tests name.
 */
public final class SigmaCorpus {

    /** SigmaHQ {@code aws_cloudtrail_console_login_failed_authentication.yml}. */
    public static final String CONSOLE_LOGIN_FAILED = "sigma-6393e346-1977-46ef-8987-ad414a145fad";

    /** SigmaHQ {@code aws_cloudtrail_console_login_success_without_mfa.yml}. */
    public static final String CONSOLE_LOGIN_WITHOUT_MFA = "sigma-77caf516-34e5-4df9-b4db-20744fea0a60";

    /** SigmaHQ {@code aws_cloudtrail_disable_logging.yml}. */
    public static final String AWS_CLOUDTRAIL_DISABLE_LOGGING = "sigma-4db60cc0-36fb-42b7-9b58-a5b53019fb74";

    /** SigmaHQ {@code aws_cloudtrail_security_group_change_ingress_egress.yml}. */
    public static final String SECURITY_GROUP_CHANGE = "sigma-6fb77778-040f-4015-9440-572aa9b6b580";

    /** SigmaHQ {@code aws_enum_buckets.yml}. */
    public static final String AWS_ENUM_BUCKETS = "sigma-f305fd62-beca-47da-ad95-7690a0620084";

    /** SigmaHQ {@code aws_iam_backdoor_users_keys.yml}. */
    public static final String AWS_IAM_BACKDOOR_USERS_KEYS = "sigma-0a5177f4-6ca9-44c2-aacf-d3f3d8b6e4d2";

    /** SigmaHQ {@code aws_root_account_usage.yml}. */
    public static final String AWS_ROOT_ACCOUNT_USAGE = "sigma-8ad1600d-e9dc-4251-b0ee-a65268f29add";

    /** SigmaHQ {@code aws_sts_assumerole_misuse.yml}. */
    public static final String AWS_STS_ASSUMEROLE_MISUSE = "sigma-905d389b-b853-46d0-9d3d-dea0d3a3cd49";

    private SigmaCorpus() {
    }

    /** @return {@code ../shared/sigma-aws/<folder>}, e.g. {@code rules} (57 rules) or {@code unsupported} (8) */
    public static Path directory(String folder) {
        String shared = System.getProperty("vigil.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("System property vigil.shared.dir is not set (surefire sets it to "
                    + "${maven.multiModuleProjectDirectory}/../shared)");
        }
        Path directory = Path.of(shared, "sigma-aws", folder);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("The SigmaHQ test corpus is missing: no directory " + directory);
        }
        return directory;
    }

    /** @return the 57 SigmaHQ CloudTrail rules, loaded as the service loads {@code vigil.rules.sigma.directories} */
    public static RulePack rules() {
        return new SigmaRuleFiles(UnsupportedSigmaRules.FAIL).load(directory("rules")).pack();
    }

    /** @return the directory of rule-tests files for the corpus rules (131 CloudTrail records) */
    public static Path ruleTests() {
        return Path.of("src/test/resources/sigma");
    }
}
