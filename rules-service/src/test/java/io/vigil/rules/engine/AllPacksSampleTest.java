package io.vigil.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.localinfra.samples.Samples;
import io.vigil.rules.SigmaCorpus;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.packs.RulePackLoader;
import io.vigil.rules.testing.RuleTestCommand;
import io.vigil.rules.testing.TestInputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * StreamAlert-style: every sample event (the local-infra samples the local run sends, and this module's test events)
 * goes through ALL packs at once (the built-in ones and the 57 SigmaHQ rules loaded from the external corpus
 * {@code ../shared/sigma-aws/rules}), and the exact set of rules that fire is asserted. Config rules count as
 * fired when they evaluate NON_COMPLIANT.
 */
class AllPacksSampleTest {

    private static RuleEngine engine;

    /** Sample, and the exact rule ids it must fire. */
    static final Map<String, Set<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("local-infra:" + Samples.STOP_LOGGING,
                    Set.of("cis-aws-cloudwatch-5", SigmaCorpus.AWS_CLOUDTRAIL_DISABLE_LOGGING)),
            Map.entry("local-infra:" + Samples.DESCRIBE_INSTANCES, Set.of(SigmaCorpus.AWS_STS_ASSUMEROLE_MISUSE)),
            Map.entry("local-infra:" + Samples.SIGNIN_WITHOUT_MFA,
                    Set.of("cis-aws-cloudwatch-3", SigmaCorpus.CONSOLE_LOGIN_WITHOUT_MFA)),
            Map.entry("local-infra:" + Samples.SIGNIN_FAILED,
                    Set.of("cis-aws-cloudwatch-6", SigmaCorpus.CONSOLE_LOGIN_FAILED)),
            Map.entry("local-infra:" + Samples.ROOT_CREATE_ACCESS_KEY,
                    Set.of("cis-aws-cloudwatch-1", SigmaCorpus.AWS_IAM_BACKDOOR_USERS_KEYS,
                            SigmaCorpus.AWS_ROOT_ACCOUNT_USAGE)),
            Map.entry("local-infra:" + Samples.S3_ACCESS_DENIED,
                    Set.of("cis-aws-cloudwatch-2", SigmaCorpus.AWS_STS_ASSUMEROLE_MISUSE)),
            Map.entry("local-infra:" + Samples.SECURITY_GROUP_INGRESS,
                    Set.of("cis-aws-cloudwatch-10", SigmaCorpus.SECURITY_GROUP_CHANGE)),
            Map.entry("local-infra:" + Samples.EVENTBRIDGE_GENERIC, Set.of()),
            Map.entry("events:access-denied.json", Set.of("cis-aws-cloudwatch-2")),
            Map.entry("events:config-security-group-ssh-open.json", Set.of("aws-config-restricted-ssh")),
            Map.entry("events:config-volume-encrypted.json", Set.of()),
            Map.entry("events:console-login-without-mfa.json",
                    Set.of("cis-aws-cloudwatch-3", SigmaCorpus.CONSOLE_LOGIN_WITHOUT_MFA)),
            Map.entry("events:describe-instances.json", Set.of(SigmaCorpus.AWS_STS_ASSUMEROLE_MISUSE)),
            Map.entry("events:guardduty-ssh-brute-force.json", Set.of("aws-findings-guardduty")),
            Map.entry("events:inspector2-low-vulnerability.json", Set.of()),
            Map.entry("events:root-list-buckets.json",
                    Set.of("cis-aws-cloudwatch-1", SigmaCorpus.AWS_ENUM_BUCKETS, SigmaCorpus.AWS_ROOT_ACCOUNT_USAGE)),
            Map.entry("events:securityhub-critical-control.json", Set.of("aws-findings-securityhub")),
            Map.entry("events:securityhub-ocsf-high-detection.json", Set.of("aws-findings-securityhub")),
            Map.entry("events:stop-logging.json",
                    Set.of("cis-aws-cloudwatch-5", SigmaCorpus.AWS_CLOUDTRAIL_DISABLE_LOGGING))));

    @BeforeAll
    static void loadAllPacks() {
        java.util.List<io.vigil.rules.model.RulePack> packs = new java.util.ArrayList<>(new RulePackLoader()
                .loadBuiltIn(java.util.List.of("cis-aws-foundations", "aws-config-checks", "aws-findings")));
        packs.add(SigmaCorpus.rules());
        engine = RuleEngine.compile(packs, RuleTestCommand.standardDialects());
        assertThat(engine.enabledCount()).as("14 CIS + 6 Config + 3 findings + 57 Sigma rules").isEqualTo(80);
    }

    static Stream<Arguments> samples() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleFiresExactlyItsRulesAcrossAllPacks(String sample, Set<String> expected) {
        // Given
        NormalizedEvent event = normalize(sample);

        // When
        RuleEngine.Evaluation evaluation = engine.evaluate(event);

        // Then
        Set<String> fired = new TreeSet<>(evaluation.matched().stream().map(Rule::id).toList());
        evaluation.verdicts().stream()
                .filter(v -> v.result().status() == io.vigil.contract.ComplianceStatus.NON_COMPLIANT)
                .forEach(v -> fired.add(v.rule().id()));
        assertThat(evaluation.failures()).isEmpty();
        assertThat(fired).as(sample).isEqualTo(new TreeSet<>(expected));
    }

    @org.junit.jupiter.api.Test
    void everySampleOfTheLocalRunAndOfThisModuleIsCovered() throws IOException {
        // Given
        Set<String> samples = new TreeSet<>();
        Samples.TOUR.stream().filter(name -> name.endsWith(".json"))
                .forEach(name -> samples.add("local-infra:" + name));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/events"))) {
            files.forEach(file -> samples.add("events:" + file.getFileName()));
        }

        // When
        Set<String> covered = EXPECTED.keySet();

        // Then
        assertThat(covered).containsAll(samples);
    }

    static NormalizedEvent normalize(String sample) {
        String[] parts = sample.split(":", 2);
        JsonNode document;
        try {
            document = ContractJson.mapper().readTree(parts[0].equals("local-infra")
                    ? Samples.read(parts[1])
                    : resource("/events/" + parts[1]));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read sample " + sample, e);
        }
        TestInput kind = document.has("detail-type") ? TestInput.EVENTBRIDGE : TestInput.CLOUDTRAIL;
        return TestInputs.normalize(new RuleTest(sample, kind, document, false, null));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AllPacksSampleTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
