package io.vigil.rules.packs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each CIS monitoring rule evidences its Security Hub control and the CIS AWS Foundations Benchmark recommendations
 * of versions 1.2 (section 3), 1.4 and 3.0 (section 4; root usage also 1.7).
 */
class CisControlMappingTest {

    private static final RulePack PACK = new RulePackLoader().loadBuiltIn("cis-aws-foundations");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~',
            textBlock = """
                    cis-aws-cloudwatch-1 ~ SecurityHub:CloudWatch.1 CIS-AWS-1.2:1.1 CIS-AWS-1.2:3.3 CIS-AWS-1.4:1.7 CIS-AWS-1.4:4.3 CIS-AWS-3.0:1.7 CIS-AWS-3.0:4.3
                    cis-aws-cloudwatch-2 ~ SecurityHub:CloudWatch.2 CIS-AWS-1.2:3.1 CIS-AWS-1.4:4.1 CIS-AWS-3.0:4.1
                    cis-aws-cloudwatch-3 ~ SecurityHub:CloudWatch.3 CIS-AWS-1.2:3.2 CIS-AWS-1.4:4.2 CIS-AWS-3.0:4.2
                    cis-aws-cloudwatch-4 ~ SecurityHub:CloudWatch.4 CIS-AWS-1.2:3.4 CIS-AWS-1.4:4.4 CIS-AWS-3.0:4.4
                    cis-aws-cloudwatch-5 ~ SecurityHub:CloudWatch.5 CIS-AWS-1.2:3.5 CIS-AWS-1.4:4.5 CIS-AWS-3.0:4.5
                    cis-aws-cloudwatch-6 ~ SecurityHub:CloudWatch.6 CIS-AWS-1.2:3.6 CIS-AWS-1.4:4.6 CIS-AWS-3.0:4.6
                    cis-aws-cloudwatch-7 ~ SecurityHub:CloudWatch.7 CIS-AWS-1.2:3.7 CIS-AWS-1.4:4.7 CIS-AWS-3.0:4.7
                    cis-aws-cloudwatch-8 ~ SecurityHub:CloudWatch.8 CIS-AWS-1.2:3.8 CIS-AWS-1.4:4.8 CIS-AWS-3.0:4.8
                    cis-aws-cloudwatch-9 ~ SecurityHub:CloudWatch.9 CIS-AWS-1.2:3.9 CIS-AWS-1.4:4.9 CIS-AWS-3.0:4.9
                    cis-aws-cloudwatch-10 ~ SecurityHub:CloudWatch.10 CIS-AWS-1.2:3.10 CIS-AWS-1.4:4.10 CIS-AWS-3.0:4.10
                    cis-aws-cloudwatch-11 ~ SecurityHub:CloudWatch.11 CIS-AWS-1.2:3.11 CIS-AWS-1.4:4.11 CIS-AWS-3.0:4.11
                    cis-aws-cloudwatch-12 ~ SecurityHub:CloudWatch.12 CIS-AWS-1.2:3.12 CIS-AWS-1.4:4.12 CIS-AWS-3.0:4.12
                    cis-aws-cloudwatch-13 ~ SecurityHub:CloudWatch.13 CIS-AWS-1.2:3.13 CIS-AWS-1.4:4.13 CIS-AWS-3.0:4.13
                    cis-aws-cloudwatch-14 ~ SecurityHub:CloudWatch.14 CIS-AWS-1.2:3.14 CIS-AWS-1.4:4.14 CIS-AWS-3.0:4.14
                    """)
    void eachCisRuleEvidencesItsControlInEveryBenchmarkVersion(String ruleId, String controls) {
        // Given
        List<String> expected = Arrays.asList(controls.split(" "));

        // When
        Rule rule = PACK.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();

        // Then
        assertThat(rule.controls()).containsExactlyElementsOf(expected);
    }
}
