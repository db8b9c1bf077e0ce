package io.vigil.rules.cwlogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterPatternTest {

    /** The example document of AWS's "Filter and pattern syntax" page, plus a few typed fields. */
    private static final JsonNode DOC = json("""
            {
              "eventType": "UpdateTrail",
              "sourceIPAddress": "111.111.111.111",
              "recipientAccountId": "123456789012",
              "arrayKey": ["value", "another value"],
              "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
              "SomeObject": null,
              "ThisFlag": true,
              "OtherFlag": false,
              "latency": 500,
              "ratio": 55.5,
              "user": {"id": 1, "email": "John.Stiles@example.com"},
              "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
              "actions": ["GET", "PUT", "DELETE"],
              "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
              "path": "a/b:c_d-e.f+g"
            }
            """);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~', textBlock = """
            { $.eventType = "UpdateTrail" }                      ~ true
            { $.eventType = UpdateTrail }                        ~ true
            { $.eventType = "updatetrail" }                      ~ false
            { $.eventType != "UpdateTrail" }                     ~ false
            { $.eventType != "DeleteTrail" }                     ~ true
            { $.missing = "x" }                                  ~ false
            { $.missing != "x" }                                 ~ false
            { $.SomeObject != "x" }                              ~ false
            { $.arrayKey != "x" }                                ~ false
            { $.user != "x" }                                    ~ false
            { $.path = "a/b:c_d-e.f+g" }                         ~ true
            { $.path = a/b:c_d-e.f+g }                           ~ true
            """)
    void equalityOperatorsCompareValueNodesOnly(String pattern, boolean expected) {
        // Given
        FilterPattern filter = FilterPattern.parse(pattern);

        // When
        boolean matches = filter.matches(DOC);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~', textBlock = """
            { $.sourceIPAddress != 123.123.* }                   ~ true
            { $.sourceIPAddress = 111.111.* }                    ~ true
            { $.sourceIPAddress = "*.111" }                      ~ true
            { $.sourceIPAddress = "*111.111*" }                  ~ true
            { $.sourceIPAddress = "*222*" }                      ~ false
            { $.eventType = * }                                  ~ true
            { $.missing = * }                                    ~ false
            { $.eventType = "Upd*ail" }                          ~ false
            { $.eventType = "Update*" }                          ~ true
            { $.eventType = "*Trail" }                           ~ true
            { $.eventType = "*Update" }                          ~ false
            """)
    void wildcardsMatchAnyTextAtTheStartOrEnd(String pattern, boolean expected) {
        // Given
        FilterPattern filter = FilterPattern.parse(pattern);

        // When
        boolean matches = filter.matches(DOC);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    @Test
    void anInteriorAsteriskIsALiteralCharacter() {
        // Given
        FilterPattern filter = FilterPattern.parse("{ $.name = \"Ev*ent\" }");

        // When
        boolean literal = filter.matches(json("{\"name\": \"Ev*ent\"}"));

        // Then
        assertThat(literal).isTrue();
        assertThat(filter.matches(json("{\"name\": \"EvXent\"}"))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~', textBlock = """
            { $.latency = 500 }                                  ~ true
            { $.latency = 500.0 }                                ~ true
            { $.latency = 5e2 }                                  ~ true
            { $.latency != 500 }                                 ~ false
            { $.latency != 400 }                                 ~ true
            { $.latency >= 500 }                                 ~ true
            { $.latency > 500 }                                  ~ false
            { $.latency > +499 }                                 ~ true
            { $.latency < 10e3 }                                 ~ true
            { $.latency < 10e-3 }                                ~ false
            { $.latency <= 500 }                                 ~ true
            { $.latency < -1 }                                   ~ false
            { $.ratio <= 55.5 }                                  ~ true
            { $.ratio < 55.5 }                                   ~ false
            { $.recipientAccountId = 123456789012 }              ~ true
            { $.recipientAccountId != 123456789012 }             ~ false
            { $.recipientAccountId > 1 }                         ~ false
            { $.eventType > 1 }                                  ~ false
            { $.missing < 1 }                                    ~ false
            { $.ThisFlag = 1 }                                   ~ false
            """)
    void numbersCompareNumericallyAndOrderingNeedsANumberNode(String pattern, boolean expected) {
        // Given
        FilterPattern filter = FilterPattern.parse(pattern);

        // When
        boolean matches = filter.matches(DOC);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~', textBlock = """
            { $.SomeObject IS NULL }                             ~ true
            { $.eventType IS NULL }                              ~ false
            { $.missing IS NULL }                                ~ false
            { $.SomeOtherObject NOT EXISTS }                     ~ true
            { $.SomeObject NOT EXISTS }                          ~ false
            { $.eventType NOT EXISTS }                           ~ false
            { $.user.missing.deeper NOT EXISTS }                 ~ true
            { $.ThisFlag IS TRUE }                               ~ true
            { $.ThisFlag IS FALSE }                              ~ false
            { $.OtherFlag IS FALSE }                             ~ true
            { $.eventType IS TRUE }                              ~ false
            { $.missing IS FALSE }                               ~ false
            { $.ThisFlag is true }                               ~ true
            """)
    void keywordsTestNullAbsenceAndBooleans(String pattern, boolean expected) {
        // Given
        FilterPattern filter = FilterPattern.parse(pattern);

        // When
        boolean matches = filter.matches(DOC);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~', textBlock = """
            { $.arrayKey[0] = "value" }                          ~ true
            { $.arrayKey[1] = "another value" }                  ~ true
            { $.arrayKey[2] = "value" }                          ~ false
            { $.arrayKey[2] NOT EXISTS }                         ~ true
            { $.objectList[1].id = 2 }                           ~ true
            { $.objectList[0].id = 2 }                           ~ false
            { $.eventType[0] = "U" }                             ~ false
            { $.user[0].id = 1 }                                 ~ false
            { $.coordinates[1][2] = 6 }                          ~ true
            { $.arrayKey = "value" }                             ~ false
            """)
    void arrayIndexesSelectElementsOfArraysOnly(String pattern, boolean expected) {
        // Given
        FilterPattern filter = FilterPattern.parse(pattern);

        // When
        boolean matches = filter.matches(DOC);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    /** AWS's four compound examples and their documented results, plus precedence cases. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '~',
            textBlock = """
                    { ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }                                  ~ true
                    { ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }                        ~ false
                    { $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch } ~ true
                    { ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch } ~ false
                    { $.user.id = 2 && $.latency = 500 || $.eventType = UpdateTrail }                                   ~ true
                    { $.user.id = 2 && ($.latency = 500 || $.eventType = UpdateTrail) }                                 ~ false
                    { $.eventType = UpdateTrail || $.user.id = 2 && $.latency = 1 }                                     ~ true
                    { ($.eventType = UpdateTrail || $.user.id = 2) && $.latency = 1 }                                   ~ false
                    { ((($.latency = 500))) }                                                                           ~ true
                    {$.latency=500&&$.user.id=1}                                                                        ~ true
                    """)
    void andBindsTighterThanOrAndParenthesesGroup(String pattern, boolean expected) {
        // Given
        FilterPattern filter = FilterPattern.parse(pattern);

        // When
        boolean matches = filter.matches(DOC);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    @Test
    void quotedValuesUnescapeQuotesAndBackslashes() {
        // Given
        FilterPattern filter = FilterPattern.parse("{ $.message = \"say \\\"hi\\\" \\\\ bye\" }");

        // When
        boolean matches = filter.matches(json("{\"message\": \"say \\\"hi\\\" \\\\ bye\"}"));

        // Then
        assertThat(matches).isTrue();
    }

    @Test
    void aNullDocumentMatchesNothing() {
        // Given
        FilterPattern filter = FilterPattern.parse("{ $.a NOT EXISTS }");

        // When
        boolean matches = filter.matches(null);

        // Then
        assertThat(matches).isFalse();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    `$.a = 1` ~ 0 ~ '{' (JSON filter patterns only; text and space-delimited patterns are not supported) ~ '$'
                    `[ip, user, status = 404]` ~ 0 ~ '{' (JSON filter patterns only; text and space-delimited patterns are not supported) ~ '['
                    `{ $.a = 1` ~ 9 ~ '&&', '||' or '}' ~ end of pattern
                    `{ $.a = 1 } x` ~ 12 ~ end of pattern ~ 'x'
                    `{ a = 1 }` ~ 2 ~ '(' or a selector starting with '$' ~ 'a'
                    `{ }` ~ 2 ~ '(' or a selector starting with '$' ~ '}'
                    `{ $.a = 1 && }` ~ 13 ~ '(' or a selector starting with '$' ~ '}'
                    `{ $.= 1 }` ~ 4 ~ a property name ~ '='
                    `{ $ = 1 }` ~ 3 ~ '.' and a property name ~ ' '
                    `{ $[0] = 1 }` ~ 3 ~ '.' and a property name ~ '['
                    `{ $.a[x] = 1 }` ~ 6 ~ an array index ~ 'x'
                    `{ $.a[0 = 1 }` ~ 7 ~ ']' ~ ' '
                    `{ $.a }` ~ 6 ~ an operator (=, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS) ~ '}'
                    `{ $.a 1 }` ~ 6 ~ an operator (=, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS) ~ '1'
                    `{ $.a ! 1 }` ~ 6 ~ an operator (=, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS) ~ '!'
                    `{ $.a = }` ~ 8 ~ a value ~ '}'
                    `{ $.a = "abc }` ~ 14 ~ '"' closing the string that starts at position 8 ~ end of pattern
                    `{ $.a > abc }` ~ 8 ~ a number after '>' ~ 'abc'
                    `{ $.a <= "1" }` ~ 9 ~ a number after '<=' ~ '"1"'
                    `{ ($.a = 1 }` ~ 11 ~ '&&', '||' or ')' ~ '}'
                    `{ $.a = 1) }` ~ 9 ~ '&&', '||' or '}' ~ ')'
                    `{ $.a IS MAYBE }` ~ 9 ~ NULL, TRUE or FALSE after IS ~ 'MAYBE'
                    `{ $.a NOT THERE }` ~ 10 ~ EXISTS after NOT ~ 'THERE'
                    `{ $.a = 1 & $.b = 2 }` ~ 10 ~ '&&' ~ '&'
                    `{ $.a = 1 | $.b = 2 }` ~ 10 ~ '||' ~ '|'
                    `{ $.a = foo@bar }` ~ 11 ~ a letter, digit or one of _-.*:/+ in an unquoted value (quote values with other characters) ~ '@'
                    `{ $.a[99999999999] = 1 }` ~ 6 ~ an array index of at most 2147483647 ~ '99999999999'
                    `{ $.eventName = %Stop.*% }` ~ 16 ~ a quoted or unquoted value (regular expressions %...% are not supported) ~ '%'
                    `` ~ 0 ~ '{' (JSON filter patterns only; text and space-delimited patterns are not supported) ~ end of pattern
                    """)
    void invalidPatternsNameThePositionAndTheExpectation(String pattern, int position, String expected, String found) {
        // Given
        String text = pattern == null ? "" : pattern;

        // When
        Throwable thrown = catchThrowable(() -> FilterPattern.parse(text));

        // Then
        assertThat(thrown)
                .isInstanceOf(FilterPatternException.class)
                .hasMessage("Expected " + expected + " at position " + position + " but found " + found)
                .satisfies(e -> assertThat(((FilterPatternException) e).position()).isEqualTo(position));
    }

    private static JsonNode json(String text) {
        try {
            return ContractJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
