package io.vigil.rules.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vigil.contract.ComplianceStatus;
import io.vigil.rules.model.DedupKeyTemplate;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule format's dedup key, severity source and embedded tests, and directory packs. */
class RuleFormatTest {

    private static final String SOURCE = "packs/test.yaml";
    private final RulePackLoader loader = new RulePackLoader();

    @TempDir
    Path dir;

    @Test
    void dedupKeySeveritySourceAndTestsAreRead() {
        // Given
        String yaml = """
                pack: test
                rules:
                  - id: r1
                    title: t
                    severity: high
                    dialect: config
                    body: 'check: restricted-ssh'
                    dedupKey: '{accountId}/{resource.arn}'
                    useEventSeverity: true
                    tests:
                      - name: open
                        expect: match
                        compliance: NON_COMPLIANT
                        configItem: {resourceType: 'AWS::EC2::SecurityGroup'}
                      - name: envelope
                        expect: no-match
                        eventbridge: {detail-type: x, source: y}
                """;

        // When
        Rule rule = loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8)).rules().getFirst();

        // Then
        assertThat(rule.dedupKey()).isEqualTo(DedupKeyTemplate.parse("{accountId}/{resource.arn}"));
        assertThat(rule.useEventSeverity()).isTrue();
        assertThat(rule.tests()).extracting(RuleTest::name, RuleTest::input, RuleTest::expectMatch,
                RuleTest::compliance).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("open", TestInput.CONFIG_ITEM, true,
                                ComplianceStatus.NON_COMPLIANT),
                        org.assertj.core.groups.Tuple.tuple("envelope", TestInput.EVENTBRIDGE, false, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    `{name: a, expect: match}` ~ packs/test.yaml: rule 'r1': field 'tests[0]': expected exactly one input (cloudtrail, eventbridge, configItem, event, file), found none
                    `{name: a, expect: match, cloudtrail: {}, event: {}}` ~ packs/test.yaml: rule 'r1': field 'tests[0]': expected exactly one input (cloudtrail, eventbridge, configItem, event, file), found cloudtrail, event
                    `{name: a, expect: yes, cloudtrail: {}}` ~ packs/test.yaml: rule 'r1': field 'tests[0].expect': must be 'match' or 'no-match'
                    `{expect: match, cloudtrail: {}}` ~ packs/test.yaml: rule 'r1': field 'tests[0].name': required
                    `{name: a, expect: match, compliance: COMPLIANT, configItem: {}}` ~ packs/test.yaml: rule 'r1': field 'tests[0].compliance': NON_COMPLIANT goes with 'expect: match', COMPLIANT and NOT_APPLICABLE with 'expect: no-match'
                    `{name: a, expect: match, cloudtrail: {}, when: now}` ~ packs/test.yaml: rule 'r1': field 'tests[0]': unknown field 'when'; known fields: cloudtrail, compliance, configItem, event, eventbridge, expect, file, name
                    `{name: a, expect: match, file: x.json}` ~ packs/test.yaml: rule 'r1': field 'tests[0].file': file inputs are only allowed in packs loaded from the file system
                    """)
    void aBadTestIsRejectedNamingRuleTestAndField(String test, String message) {
        // Given
        String yaml = "pack: test\nrules:\n  - {id: r1, title: t, severity: low, dialect: x, body: b, tests: [" + test
                + "]}\n";

        // When
        Throwable thrown = catchThrowable(() -> loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class).hasMessage(message);
    }

    @Test
    void anUnknownDedupKeyPlaceholderIsRejectedWithThePosition() {
        // Given
        String yaml = "pack: test\nrules:\n  - {id: r1, title: t, severity: low, dialect: x, body: b, "
                + "dedupKey: '{accountId}:{user}'}\n";

        // When
        Throwable thrown = catchThrowable(() -> loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class).hasMessage("packs/test.yaml: rule 'r1': field "
                + "'dedupKey': unknown placeholder '{user}' at position 12; known: accountId, actor.arn, actor.type, "
                + "actor.userName, operation, region, resource.arn, resource.name, service, sourceEventId, sourceIp, "
                + "sourceKind");
    }

    @Test
    void aDirectoryIsAPackOfRuleFilesWithFileInputsAndUniqueIds() throws IOException {
        // Given
        Path pack = Files.createDirectories(dir.resolve("team-rules").resolve("nested"));
        Files.writeString(pack.resolve("event.json"), "{\"eventName\":\"StopLogging\"}");
        Files.writeString(pack.resolve("a.yaml"), """
                id: a1
                title: a
                severity: low
                dialect: eventbridge
                body: '{}'
                tests:
                  - {name: from file, expect: match, file: event.json}
                """);
        Files.writeString(pack.getParent().resolve("b.yml"), """
                pack: whatever
                rules:
                  - {id: a1, title: b, severity: low, dialect: eventbridge, body: '{}'}
                """);

        // When
        Throwable thrown = catchThrowable(() -> loader.loadPath(pack.getParent()));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class).hasMessage(pack.resolve("a.yaml") + ": rule 'a1': "
                + "field 'id': duplicate rule id, already defined in " + pack.getParent().resolve("b.yml"));
        Files.delete(pack.getParent().resolve("b.yml"));
        Rule rule = loader.loadPath(pack.getParent()).rules().getFirst();
        assertThat(rule.tests().getFirst().input()).isEqualTo(TestInput.CLOUDTRAIL);
        assertThat(rule.tests().getFirst().document().path("eventName").asText()).isEqualTo("StopLogging");
        assertThat(loader.loadPath(pack.getParent()).name()).isEqualTo("team-rules");
    }
}
