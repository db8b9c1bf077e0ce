package io.vigil.rules.cwlogs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.rules.dialect.Prefilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filter patterns compiled into necessary event-ruler patterns over the envelope's {@code detail}. */
class FilterPrefiltersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '`',
            textBlock = """
                    `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}` ~ `{"detail":{"userIdentity":{"type":["Root"]}}}`
                    `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}` ~ `{"detail":{"errorCode":[{"suffix":"UnauthorizedOperation"},{"prefix":"AccessDenied"}]}}`
                    `{ $.a = "*mid*" }` ~ `{"detail":{"a":[{"wildcard":"*mid*"}]}}`
                    `{ $.a = "x*y" }` ~ `{"detail":{"a":["x*y"]}}`
                    `{ $.a = 5 }` ~ `{"detail":{"a":[{"numeric":["=",5]},"5"]}}`
                    `{ $.a = "5" }` ~ `{"detail":{"a":["5",{"numeric":["=",5]}]}}`
                    `{ $.a > 10.5 }` ~ `{"detail":{"a":[{"numeric":[">",10.5]}]}}`
                    `{ $.a != 7 }` ~ `{"detail":{"a":[{"exists":true}]}}`
                    `{ $.a != x && $.b NOT EXISTS }` ~ `{"detail":{"a":[{"anything-but":"x"}],"b":[{"exists":false}]}}`
                    `{ ($.e = A) || ($.e = B) || ($.e = C && $.s = s3) }` ~ `{"detail":{"e":["A","B"]}} | {"detail":{"e":["C"],"s":["s3"]}}`
                    `{ $.a IS NULL }` ~ `{"detail":{"a":[null]}}`
                    `{ $.a IS TRUE }` ~ `{"detail":{"a":[true]}}`
                    `{ $.a = true }` ~ `{"detail":{"a":["true",true]}}`
                    `{ $.a = * }` ~ `{"detail":{"a":[{"exists":true}]}}`
                    `{ $.a[0] = 1 && $.b = x }` ~ `{"detail":{"b":["x"]}}`
                    `{ ($.a = 1 || $.b = 2) && $.c = 3 }` ~ `{"detail":{"a":[{"numeric":["=",1]},"1"],"c":[{"numeric":["=",3]},"3"]}} | {"detail":{"b":[{"numeric":["=",2]},"2"],"c":[{"numeric":["=",3]},"3"]}}`
                    """)
    void conditionsBecomeEventRulerPatternsInDisjunctiveNormalForm(String pattern, String expected) {
        // Given
        FilterPattern filter = FilterPattern.parse(pattern);

        // When
        Prefilter prefilter = FilterPrefilters.of(filter);

        // Then
        assertThat(String.join(" | ", prefilter.patterns())).isEqualTo(expected);
        assertThat(prefilter.sufficient()).isFalse();
        assertThat(prefilter.cloudTrailOnly()).isTrue();
    }

    @Test
    void aPatternWithNoExpressibleConditionIsInterpretedOnEveryRecord() {
        // Given: an array index cannot be expressed, so the alternative would match everything
        FilterPattern filter = FilterPattern.parse("{ $.a[0] = 1 || $.b = 2 }");

        // When
        Prefilter prefilter = FilterPrefilters.of(filter);

        // Then
        assertThat(prefilter).isEqualTo(Prefilter.NONE);
    }
}
