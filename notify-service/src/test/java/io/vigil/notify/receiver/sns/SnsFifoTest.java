package io.vigil.notify.receiver.sns;

import static io.vigil.notify.NotifyApi.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.ReceiversTestResource;
import io.vigil.notify.TestAlerts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * SNS through the fauxqs emulator on a FIFO topic (route {@code sns-fifo}, receiver {@code security-sns-fifo},
 * message group by account), read from a subscribed FIFO queue: group id, de-duplication id and the message
 * attributes subscription filter policies use.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class SnsFifoTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void alertPublishedToAFifoTopicCarriesTheAccountAsGroupIdAStableDeduplicationIdAndItsAttributes()
            throws Exception {
        // Given
        String account = "730000000001";
        Alert alert = TestAlerts.alert("fp-" + java.util.UUID.randomUUID(), Severity.CRITICAL, TestAlerts.RULE_ID,
                account, List.of("sns-fifo", "cis"));

        // When
        NotifyTestClients.publish(bootstrapServers, alert);

        // Then
        Message message = receive(alert.id());
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(alert.id()).<String>getList(
                "items.delivery.outcome")).contains("DELIVERED"));
        JsonPath ledger = ledger(alert.id());
        String notificationId = ledger.getString("items.find { it.delivery.outcome == 'DELIVERED' }"
                + ".delivery.notificationId");
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, account)
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                        StableIds.of(notificationId, alert.id()));
        JsonNode envelope = ContractJson.mapper().readTree(message.body());
        assertThat(envelope.path("TopicArn").asText()).endsWith(":" + ReceiversTestResource.FIFO_TOPIC);
        assertThat(envelope.path("MessageId").asText()).isEqualTo(ledger.getString(
                "items.find { it.delivery.outcome == 'DELIVERED' }.delivery.providerMessageId"));
        JsonNode attributes = envelope.path("MessageAttributes");
        assertThat(attributes(attributes)).isEqualTo(Map.of(
                "severity", "String=CRITICAL",
                "ruleId", "String=CloudWatch.5",
                "accountId", "String=" + account,
                "region", "String=" + TestAlerts.REGION,
                "team", "String=secops",
                "tags", "String.Array=[\"sns-fifo\",\"cis\"]"));
        assertThat(ContractJson.mapper().readTree(envelope.path("Message").asText()).path("alertId").asText())
                .isEqualTo(alert.id());
    }

    private static Map<String, String> attributes(JsonNode attributes) {
        Map<String, String> found = new java.util.TreeMap<>();
        attributes.fields().forEachRemaining(field -> found.put(field.getKey(),
                field.getValue().path("Type").asText() + "=" + field.getValue().path("Value").asText()));
        return found;
    }

    /** Reads the FIFO queue until the envelope of the alert arrived; deletes it. */
    private static Message receive(String alertId) {
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        String queueUrl = fauxqs.createQueue(ReceiversTestResource.FIFO_QUEUE);
        List<Message> found = new ArrayList<>();
        try (SqsClient sqs = fauxqs.sqsClient()) {
            await().atMost(WAIT).until(() -> {
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                        .messages()) {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    if (message.body().contains(alertId)) {
                        found.add(message);
                    }
                }
                return !found.isEmpty();
            });
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
