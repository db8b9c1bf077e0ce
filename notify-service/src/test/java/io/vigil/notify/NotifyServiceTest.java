package io.vigil.notify;

import static io.vigil.notify.NotifyTestClients.mailsAbout;
import static io.vigil.notify.NotifyTestClients.part;
import static io.vigil.notify.NotifyTestClients.publish;
import static io.vigil.notify.NotifyTestClients.publishRaw;
import static io.vigil.notify.NotifyTestClients.snsEnvelopesAbout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.contract.Topics;
import io.vigil.localinfra.kafka.TopicTail;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class NotifyServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final Set<String> EMAIL_AND_SNS = Set.of("security-email", "security-sns");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    @Test
    void highAlertIsEmailedPublishedToSnsAndRecordedAsOneDeliveredRecordPerReceiver() throws Exception {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        TopicTail deliveries = TopicTail.mark(bootstrapServers, Topics.DELIVERIES);
        double emailsDelivered = count("vigil.notify.deliveries", "security-email", "email", "delivered");

        // When
        publish(bootstrapServers, alert);

        // Then
        List<Delivery> records = deliveredOnceToEach(deliveries, alert, EMAIL_AND_SNS);
        List<Delivery> delivered = records.stream().filter(d -> d.outcome() == DeliveryOutcome.DELIVERED).toList();
        assertThat(delivered).extracting(Delivery::receiver, Delivery::receiverKind, Delivery::outcome,
                Delivery::error)
                .containsExactlyInAnyOrder(
                        tuple("security-email", "email", DeliveryOutcome.DELIVERED, null),
                        tuple("security-sns", "sns", DeliveryOutcome.DELIVERED, null));
        for (Delivery delivery : records) {
            assertThat(delivery.id()).isEqualTo(StableIds.of(delivery.notificationId(), alert.id(),
                    String.valueOf(delivery.attempt())));
        }

        List<MimeMessage> mails = mailsAbout(ReceiversTestResource.RECIPIENT, alert.id());
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("[Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed");
        for (String body : List.of(part(mail, "text/plain"), part(mail, "text/html"))) {
            assertThat(body).contains(TestAlerts.ACTOR_ARN, TestAlerts.EVENT_NAME, TestAlerts.SOURCE_IP,
                    TestAlerts.ACCOUNT, TestAlerts.REGION, alert.summary(), "SecurityHub:CloudWatch.5",
                    "2026-11-23T09:14:58Z", TestAlerts.RUNBOOK);
        }

        List<JsonNode> envelopes = snsEnvelopesAbout(alert.id(), WAIT);
        assertThat(envelopes).hasSize(1);
        JsonNode envelope = envelopes.get(0);
        assertThat(envelope.path("Subject").asText())
                .isEqualTo("[Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed");
        assertThat(envelope.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("HIGH");
        assertThat(envelope.path("MessageAttributes").path("ruleId").path("Value").asText())
                .isEqualTo("CloudWatch.5");
        assertThat(envelope.path("MessageAttributes").path("accountId").path("Value").asText())
                .isEqualTo(TestAlerts.ACCOUNT);
        assertThat(envelope.path("MessageAttributes").path("team").path("Value").asText()).isEqualTo("secops");
        JsonNode message = JSON.readTree(envelope.path("Message").asText());
        assertThat(message.path("alertId").asText()).isEqualTo(alert.id());
        assertThat(message.path("eventName").asText()).isEqualTo(TestAlerts.EVENT_NAME);
        assertThat(envelope.path("MessageId").asText()).isEqualTo(providerMessageId(delivered, "security-sns"));
        assertThat(mail.getMessageID()).isEqualTo(providerMessageId(delivered, "security-email"));

        assertThat(count("vigil.notify.deliveries", "security-email", "email", "delivered") - emailsDelivered)
                .isEqualTo(1.0);
    }

    @Test
    void alertBelowTheRouteSeverityIsConsumedWithoutAnyDelivery() {
        // Given
        Alert low = TestAlerts.stopLogging(Severity.LOW);
        Alert medium = TestAlerts.stopLogging(Severity.MEDIUM);
        TopicTail deliveries = TopicTail.mark(bootstrapServers, Topics.DELIVERIES);

        // When
        publish(bootstrapServers, low);
        publish(bootstrapServers, medium);

        // Then
        deliveredOnceToEach(deliveries, medium, EMAIL_AND_SNS);
        assertThat(mailsAbout(ReceiversTestResource.RECIPIENT, low.id())).isEmpty();
        assertThat(mailsAbout(ReceiversTestResource.RECIPIENT, medium.id())).hasSize(1);
    }

    @Test
    void recordThatIsNotAnAlertIsSkippedCountedAndTheNextAlertIsStillDelivered() {
        // Given (high, not critical: an unacknowledged critical alert is escalated after 3 s in this profile, which a
        // retried attempt on a loaded machine can outlast)
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        TopicTail deliveries = TopicTail.mark(bootstrapServers, Topics.DELIVERIES);
        double skipped = count("vigil.notify.alerts.skipped", "reason", "undeserializable");

        // When
        publishRaw(bootstrapServers, "garbage", "{not json".getBytes(StandardCharsets.UTF_8));
        publish(bootstrapServers, alert);

        // Then
        deliveredOnceToEach(deliveries, alert, EMAIL_AND_SNS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                count("vigil.notify.alerts.skipped", "reason", "undeserializable") - skipped).isEqualTo(1.0));
    }

    /**
     * Waits until the alert was delivered to each receiver, then checks that the delivery records after the mark are
     * all about this alert and that each receiver got it exactly once: one {@code DELIVERED} record, preceded only by
     * the {@code FAILED} records of retried attempts (a receiver may fail transiently on a loaded machine).
     *
     * @return the alert's delivery records
     */
    private static List<Delivery> deliveredOnceToEach(TopicTail deliveries, Alert alert, Set<String> receivers) {
        List<ConsumerRecord<String, byte[]>> records = deliveries.awaitUntil(
                published -> receivers.stream().allMatch(receiver -> read(published).stream().anyMatch(d -> d
                        .receiver().equals(receiver) && d.outcome() == DeliveryOutcome.DELIVERED)),
                WAIT);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(alert.id());
        List<Delivery> published = read(records);
        assertThat(published).extracting(Delivery::receiver).containsOnlyElementsOf(receivers);
        for (String receiver : receivers) {
            List<Delivery> attempts = published.stream().filter(d -> d.receiver().equals(receiver))
                    .sorted(Comparator.comparingInt(Delivery::attempt)).toList();
            assertThat(attempts).extracting(Delivery::attempt)
                    .as("attempts of %s", receiver)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, attempts.size()).boxed().toList());
            assertThat(attempts).extracting(Delivery::outcome).as("outcomes of %s", receiver).last()
                    .isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(attempts.subList(0, attempts.size() - 1)).extracting(Delivery::outcome)
                    .as("outcomes of %s before it was delivered", receiver)
                    .allMatch(DeliveryOutcome.FAILED::equals, "FAILED");
        }
        return published;
    }

    private static List<Delivery> read(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> ContractJson.read(r.value(), Delivery.class)).toList();
    }

    private static String providerMessageId(List<Delivery> delivered, String receiver) {
        return delivered.stream().filter(d -> d.receiver().equals(receiver)).findFirst().orElseThrow()
                .providerMessageId();
    }

    private double count(String name, String receiver, String kind, String outcome) {
        Counter counter = registry.find(name).tag("receiver", receiver).tag("kind", kind).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double count(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
