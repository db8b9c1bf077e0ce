package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * Why case-insensitive prefilters are necessary only ({@link PrefilterCompiler}): in event-ruler 2.1.0 an
 * {@code equals-ignore-case} value (also under {@code prefix} or {@code suffix}) does not check its first character
 * when it is added to a machine that already holds a wildcard starting with {@code *} on the same field. That is what
 * {@link PrefilterAgreementTest} once caught as {@code ſtopLogging} passing for {@code StopLogging}: the agreement
 * machine holds the {@code *Create*} wildcard of a synthetic regex rule on {@code eventName}, and whether it came
 * before the case-insensitive values depended on the rules' order, so it failed in some runs only. If this test fails
 * after an event-ruler upgrade, the bug is fixed and case-insensitive values can be sufficient again.
 */
class EventRulerIgnoreCaseTest {

    @Test
    void equalsIgnoreCaseAddedAfterALeadingWildcardOnTheSameFieldAcceptsAnyFirstCharacter() throws Exception {
        // Given
        Machine alone = machine("{\"f\":[{\"equals-ignore-case\":\"ztop\"}]}");
        Machine withWildcard = machine("{\"f\":[{\"wildcard\":\"*x*\"}]}",
                "{\"f\":[{\"equals-ignore-case\":\"ztop\"}]}");
        Machine withWildcardAddedAfter = machine("{\"f\":[{\"equals-ignore-case\":\"ztop\"}]}",
                "{\"f\":[{\"wildcard\":\"*x*\"}]}");
        Machine withInnerWildcard = machine("{\"f\":[{\"wildcard\":\"a*x\"}]}",
                "{\"f\":[{\"equals-ignore-case\":\"ztop\"}]}");
        Machine withWildcardElsewhere = machine("{\"g\":[{\"wildcard\":\"*x*\"}]}",
                "{\"f\":[{\"equals-ignore-case\":\"ztop\"}]}");

        // When / Then
        for (String value : List.of("qtop", "\u017ftop", "\u00e9top")) {
            assertThat(alone.rulesForJSONEvent(event(value))).as(value).isEmpty();
            assertThat(withInnerWildcard.rulesForJSONEvent(event(value))).as(value).isEmpty();
            assertThat(withWildcardElsewhere.rulesForJSONEvent(event(value))).as(value).isEmpty();
            assertThat(withWildcardAddedAfter.rulesForJSONEvent(event(value))).as(value).isEmpty();
            assertThat(withWildcard.rulesForJSONEvent(event(value))).as(value).containsExactly("rule1");
        }
        assertThat(withWildcard.rulesForJSONEvent(event("zt\u017fp"))).as("only the first character").isEmpty();
    }

    @Test
    void prefixIgnoreCaseLosesItsFirstCharacterTooButExactValuesDoNot() throws Exception {
        // Given
        Machine prefix = machine("{\"f\":[{\"wildcard\":\"*x*\"}]}",
                "{\"f\":[{\"prefix\":{\"equals-ignore-case\":\"zt\"}}]}");
        Machine exact = machine("{\"f\":[{\"wildcard\":\"*x*\"}]}", "{\"f\":[\"ztop\"]}");

        // When / Then
        assertThat(prefix.rulesForJSONEvent(event("\u017ftop"))).containsExactly("rule1");
        assertThat(exact.rulesForJSONEvent(event("\u017ftop"))).isEmpty();
    }

    private static Machine machine(String... patterns) throws Exception {
        Machine machine = Machine.builder().build();
        for (int i = 0; i < patterns.length; i++) {
            machine.addRule("rule" + i, patterns[i]);
        }
        return machine;
    }

    private static String event(String value) {
        return "{\"f\":\"" + value + "\"}";
    }
}
