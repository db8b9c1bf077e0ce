package io.vigil.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The canonical form against the test vectors of RFC 8785, through the Jackson tree path the formats use. */
class CanonicalJsonTest {

    @Test
    void shouldProduceTheRfc8785Section322Output() {
        // Given
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;

        // When
        String canonical = CanonicalJson.text(CanonicalJson.parse(input));

        // Then
        assertThat(canonical).isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,"
                + "0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void shouldSortMembersByUtf16CodeUnitsAsRfc8785Section323() {
        // Given
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet "
                + "With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

        // When
        String canonical = CanonicalJson.text(CanonicalJson.parse(input));

        // Then
        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void shouldWriteNumbersAsEcmaScriptDoesPerRfc8785AppendixB() {
        // Given: pairs from Appendix B (IEEE-754 value → canonical text)
        String input = "[0, -0, 1e21, 1e20, 999999999999999900000, 5e-324, 1.7976931348623157e308, "
                + "9007199254740992, 295147905179352830000, 0.000001, 1e-7]";

        // When
        String canonical = CanonicalJson.text(CanonicalJson.parse(input));

        // Then
        assertThat(canonical).isEqualTo("[0,0,1e+21,100000000000000000000,999999999999999900000,5e-324,"
                + "1.7976931348623157e+308,9007199254740992,295147905179352830000,0.000001,1e-7]");
    }

    @Test
    void shouldIgnoreKeyOrderAndWhitespaceAsJsonbDoes() {
        // Given: the same value as received and as PostgreSQL jsonb renders it
        String received = "{\"b\": 1.0, \"a\": {\"y\": [1, 2], \"x\": \"é\"}}";
        String fromJsonb = "{\"a\": {\"x\": \"é\", \"y\": [1, 2]}, \"b\": 1.0}";

        // When
        String first = CanonicalJson.text(CanonicalJson.parse(received));
        String second = CanonicalJson.text(CanonicalJson.parse(fromJsonb));

        // Then
        assertThat(first).isEqualTo(second).isEqualTo("{\"a\":{\"x\":\"é\",\"y\":[1,2]},\"b\":1}");
    }

    @Test
    void shouldAgreeWithTheReferenceCanonicalizerOnTrickyValues() {
        // Given: escapes, controls, non-BMP characters, numbers at the edges of the double range, nesting
        String input = "{\"z\":[1e-7,123456789012345680000,-1.5e-300,0.1,-0,1E+2],\"\\u0007bell\\t\":"
                + "\"line\\nfeed \\\"quoted\\\" back\\\\slash \\u001f \\u2028 é 😀\",\"a\":{\"b\":null,\"A\":[true,"
                + "false,{}],\"\":\"empty key\"}}";

        // When
        String ours = CanonicalJson.text(CanonicalJson.parse(input));

        // Then
        assertThat(ours).isEqualTo(CanonicalJson.text(input));
    }
}
