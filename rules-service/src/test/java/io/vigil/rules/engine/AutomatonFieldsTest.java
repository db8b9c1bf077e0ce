package io.vigil.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.rules.dialect.EventDocument;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.testing.TestInputs;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutomatonFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S = String.valueOf(AutomatonFields.SEPARATOR);

    @Test
    void nestedFieldsAndDottedKeysBecomeOneLevelOfSeparatorJoinedNames() {
        // When
        List<String> flat = AutomatonFields.flatten(
                "{\"detail\":{\"eventName\":[\"StopLogging\"],\"userIdentity.type\":[\"Root\"]},\"source\":[\"aws.cloudtrail\"]}");

        // Then
        assertThat(flat)
                .containsExactly(("{\"detail" + S + "eventName\":[\"StopLogging\"],\"detail" + S + "userIdentity"
                        + S + "type\":[\"Root\"],\"source\":[\"aws.cloudtrail\"]}").replace(S, "\\u001F"));
    }

    @Test
    void orIsMultipliedOutIntoAlternativePatterns() {
        // When
        List<String> flat = AutomatonFields.flatten("{\"source\":[\"aws.ec2\"],\"detail\":{\"$or\":["
                + "{\"a\":[1]},{\"b\":{\"$or\":[{\"c\":[2]},{\"d\":[3]}]}}]}}");

        // Then
        assertThat(flat).containsExactly(
                "{\"source\":[\"aws.ec2\"],\"detail\\u001Fa\":[1]}",
                "{\"source\":[\"aws.ec2\"],\"detail\\u001Fb\\u001Fc\":[2]}",
                "{\"source\":[\"aws.ec2\"],\"detail\\u001Fb\\u001Fd\":[3]}");
    }

    @Test
    void aKeyHoldingTheSeparatorOrAPathNamedTwiceCannotBeFlattened() {
        assertThatThrownBy(() -> AutomatonFields.flatten("{\"a\\u001Fb\":[1]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains U+001F");
        assertThatThrownBy(() -> AutomatonFields.flatten("{\"a\":{\"b\":[1]},\"$or\":[{\"a.b\":[2]},{\"c\":[3]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the path a.b is named twice in one alternative");
    }

    @Test
    void theEventGivesItsValuesOnTheNamedPathsOnlySortedByNameInEventRulersForm() {
        // Given
        AutomatonFields fields = fields("{\"detail\":{\"eventName\":[\"x\"],\"readOnly\":[true],\"errorCode\":[null],"
                + "\"requestParameters\":{\"fromPort\":[22]},\"userIdentity\":{\"type\":[\"Root\"]}}}");
        EventDocument document = cloudTrail("""
                {"eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress","readOnly":false,
                 "errorCode":null,"requestParameters":{"fromPort":22,"toPort":23},"userIdentity.type":"Root",
                 "awsRegion":"eu-west-1"}""");

        // When
        String[] pairs = fields.nameValues(document);

        // Then: the dotted key counts as the path userIdentity -> type, as in event-ruler's flattening
        assertThat(pairs).containsExactly(
                "detail" + S + "errorCode", "null",
                "detail" + S + "eventName", "\"AuthorizeSecurityGroupIngress\"",
                "detail" + S + "readOnly", "false",
                "detail" + S + "requestParameters" + S + "fromPort", "22",
                "detail" + S + "userIdentity" + S + "type", "\"Root\"");
    }

    @Test
    void aLogFileRecordGetsTheSyntheticEnvelopesFieldsItsPatternsName() {
        // Given
        AutomatonFields fields = fields("{\"source\":[\"aws.ec2\"],\"account\":[\"1\"],\"detail-type\":[\"x\"],"
                + "\"detail\":{\"eventName\":[\"x\"]}}");

        // When
        String[] pairs = fields.nameValues(cloudTrail("""
                {"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","recipientAccountId":"111122223333"}"""));

        // Then
        assertThat(pairs).containsExactly("account", "\"111122223333\"", "detail" + S + "eventName",
                "\"RunInstances\"", "detail-type", "\"AWS API Call via CloudTrail\"", "source", "\"aws.ec2\"");
    }

    @Test
    void aNamedPathThroughAnArrayAsksForExactMatchingButAnArrayElsewhereDoesNot() {
        // Given
        AutomatonFields fields = fields("{\"detail\":{\"eventName\":[\"x\"],\"requestParameters\":{\"items\":"
                + "{\"cidrIp\":[\"0.0.0.0/0\"]}}}}");

        // When / Then
        assertThat(fields.nameValues(cloudTrail("""
                {"eventName":"a","requestParameters":{"items":[{"cidrIp":"0.0.0.0/0"}]}}"""))).isNull();
        assertThat(fields.nameValues(cloudTrail("{\"eventName\":[\"a\",\"b\"]}"))).isNull();
        assertThat(fields.nameValues(cloudTrail("""
                {"eventName":"a","resources":[{"ARN":"x"}],"requestParameters":{"other":[1]}}""")))
                .containsExactly("detail" + S + "eventName", "\"a\"");
    }

    private static AutomatonFields fields(String pattern) {
        return AutomatonFields.of(AutomatonFields.flatten(pattern));
    }

    private static EventDocument cloudTrail(String record) {
        try {
            JsonNode document = JSON.readTree(record);
            return EventDocument
                    .of(TestInputs.normalize(new RuleTest("t", TestInput.CLOUDTRAIL, document, true, null)));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
