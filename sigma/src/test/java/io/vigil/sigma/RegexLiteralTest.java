package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegexLiteralTest {

    @Test
    void theLongestMandatoryLiteralRunIsFound() {
        assertThat(RegexLiteral.required(".+:assumed-role/aws:.+")).isEqualTo(":assumed-role/aws:");
        assertThat(RegexLiteral.required("^Create.*Key$")).isEqualTo("Create");
        assertThat(RegexLiteral.required("ab\\.cd")).isEqualTo("ab.cd");
    }

    @Test
    void optionalAndRepeatedCharactersEndARun() {
        assertThat(RegexLiteral.required("abcx?def")).isEqualTo("abc");
        assertThat(RegexLiteral.required("abcx*defg")).isEqualTo("defg");
        assertThat(RegexLiteral.required("ab+cd")).isEqualTo("ab");
        assertThat(RegexLiteral.required("a.*?bcd")).isEqualTo("bcd");
    }

    @Test
    void anythingBeyondLiteralsAndDotsGivesUp() {
        assertThat(RegexLiteral.required("(?i)admin")).isNull();
        assertThat(RegexLiteral.required("a|b")).isNull();
        assertThat(RegexLiteral.required("[a-z]+x")).isNull();
        assertThat(RegexLiteral.required("\\d+abc")).isNull();
        assertThat(RegexLiteral.required("ab{2}")).isNull();
        assertThat(RegexLiteral.required(".*")).isNull();
    }

    @Test
    void theLiteralCheckNeverChangesARegexVerdict() {
        // Given
        String[] texts = {"arn:aws:sts::1:assumed-role/aws:ec2/i", "arn:aws:sts::1:ASSUMED-ROLE/AWS:x",
                "x:assumed-role/aws:", "CreateAccessKey", "createaccesskey", "CreateKeys", "abcdefg", "abcxxdefg",
                "abbcd", "a\nbcd", ""};
        String[] regexes = {".+:assumed-role/aws:.+", "^Create.*Key$", "abcx*defg", "ab+cd", "a.*?bcd"};

        for (String regex : regexes) {
            for (int flags : new int[]{0, java.util.regex.Pattern.CASE_INSENSITIVE}) {
                java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex, flags);
                ValueTest.Regex test = ValueTest.Regex.of(pattern);
                assertThat(test.mustContain() != null).as(regex).isEqualTo(flags == 0);
                for (String text : texts) {
                    // When
                    boolean verdict = test.matches(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));

                    // Then
                    assertThat(verdict).as(regex + " on " + text).isEqualTo(pattern.matcher(text).find());
                }
            }
        }
    }
}
