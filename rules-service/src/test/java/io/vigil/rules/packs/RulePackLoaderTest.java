package io.vigil.rules.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vigil.contract.Severity;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RuleLoadException;
import io.vigil.rules.model.RulePack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulePackLoaderTest {

    private static final String SOURCE = "packs/test.yaml";
    private final RulePackLoader loader = new RulePackLoader();

    @Test
    void aValidRuleLoadsWithEveryField() {
        // Given
        String yaml = """
                pack: test
                rules:
                  - id: test-rule-1
                    title: Trail stopped
                    description: Someone stopped a trail.
                    severity: critical
                    enabled: false
                    dialect: cloudwatch-filter
                    body: '{ $.eventName = StopLogging }'
                    tags: [cloudtrail]
                    controls: [SecurityHub:CloudWatch.5]
                    runbookUrl: https://example.com/runbooks/trail
                  - id: test-rule-2
                    title: Minimal
                    severity: low
                    dialect: cloudwatch-filter
                    body: '{ $.a = 1 }'
                """;

        // When
        RulePack pack = loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(pack.rules()).containsExactly(
                new Rule("test-rule-1", "Trail stopped", "Someone stopped a trail.", Severity.CRITICAL, false,
                        "cloudwatch-filter", "{ $.eventName = StopLogging }", List.of("cloudtrail"),
                        List.of("SecurityHub:CloudWatch.5"), "https://example.com/runbooks/trail"),
                new Rule("test-rule-2", "Minimal", "", Severity.LOW, true, "cloudwatch-filter", "{ $.a = 1 }",
                        List.of(), List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    severity: urgent ~ packs/test.yaml: rule 'r1': field 'severity': must be one of info, low, medium, high, critical, was 'urgent'
                    severty: high ~ packs/test.yaml: rule 'r1': unknown field 'severty'; known fields: body, controls, dedupKey, description, dialect, enabled, id, runbookUrl, severity, tags, tests, title, useEventSeverity
                    enabled: maybe ~ packs/test.yaml: rule 'r1': field 'enabled': expected true or false, was 'maybe'
                    tags: cloudtrail ~ packs/test.yaml: rule 'r1': field 'tags': expected a list of text
                    runbookUrl: not a url ~ packs/test.yaml: rule 'r1': field 'runbookUrl': not a URL: Illegal character in path at index 3: not a url
                    runbookUrl: ftp://example.com/x ~ packs/test.yaml: rule 'r1': field 'runbookUrl': expected an http(s) URL, was 'ftp://example.com/x'
                    title: '' ~ packs/test.yaml: rule 'r1': field 'title': expected non-empty text
                    """)
    void anInvalidFieldIsNamedWithPackAndRule(String line, String message) {
        // Given
        String yaml = rule("r1", line);

        // When
        Throwable thrown = catchThrowable(() -> loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class).hasMessage(message);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        // Given
        String yaml = """
                rules:
                  - id: r1
                    title: T
                    severity: high
                    body: '{ $.a = 1 }'
                """;

        // When
        Throwable thrown = catchThrowable(() -> loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessage("packs/test.yaml: rule 'r1': field 'dialect': required");
    }

    @Test
    void aRuleWithoutIdIsNamedByPosition() {
        // Given
        String yaml = """
                rules:
                  - id: r1
                    title: T
                    severity: high
                    dialect: cloudwatch-filter
                    body: '{ $.a = 1 }'
                  - title: no id
                """;

        // When
        Throwable thrown = catchThrowable(() -> loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessage("packs/test.yaml: rule #2: field 'id': required");
    }

    @Test
    void aDuplicateRuleIdIsRejected() {
        // Given
        String yaml = rule("r1", "tags: []") + rule("r1", "tags: []").replace("rules:\n", "");

        // When
        Throwable thrown = catchThrowable(() -> loader.parse("test", SOURCE, yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessage("packs/test.yaml: rule 'r1': field 'id': duplicate rule id, also rule #1");
    }

    @Test
    void anUnknownBuiltInPackFailsNamingTheValue() {
        // Given
        String name = "no-such-pack";

        // When
        Throwable thrown = catchThrowable(() -> loader.loadBuiltIn(List.of(name)));

        // Then
        assertThat(thrown).isInstanceOf(RuleLoadException.class)
                .hasMessage(
                        "vigil.rules.packs: no built-in pack 'no-such-pack' (no packs/no-such-pack.yaml on the classpath)");
    }

    private static String rule(String id, String extraLine) {
        String base = """
                rules:
                  - id: %s
                    title: T
                    severity: high
                    dialect: cloudwatch-filter
                    body: '{ $.a = 1 }'
                """.formatted(id);
        String key = extraLine.substring(0, extraLine.indexOf(':'));
        if (base.contains("    " + key + ":")) {
            return base.replaceAll("(?m)^    " + key + ":.*$", "    " + extraLine);
        }
        return base + "    " + extraLine + "\n";
    }
}
