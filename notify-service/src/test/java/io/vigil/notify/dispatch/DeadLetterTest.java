package io.vigil.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.Severity;
import io.vigil.contract.Topics;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.receiver.Receivers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class DeadLetterTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Receivers receivers;

    @Test
    void snsReceiverWhoseTopicDoesNotExistGetsMaxAttemptsRecordsOnKafkaEndingDeadLettered() {
        // Given
        Alert alert = TestAlerts.stopLogging(Severity.HIGH);
        TopicTail deliveries = TopicTail.mark(bootstrapServers, Topics.DELIVERIES);

        // When
        List<Delivery> finals = dispatcher.dispatch(alert, List.of(receivers.get("broken-sns")))
                .toCompletableFuture().join();

        // Then
        List<ConsumerRecord<String, byte[]>> records = deliveries.await(3, Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(alert.id());
        List<Delivery> recorded = records.stream().map(r -> ContractJson.read(r.value(), Delivery.class)).toList();
        assertThat(recorded).extracting(Delivery::receiver, Delivery::attempt, Delivery::outcome)
                .containsExactly(
                        tuple("broken-sns", 1, DeliveryOutcome.FAILED),
                        tuple("broken-sns", 2, DeliveryOutcome.FAILED),
                        tuple("broken-sns", 3, DeliveryOutcome.DEAD_LETTERED));
        assertThat(recorded).allSatisfy(delivery -> assertThat(delivery.error())
                .startsWith("Receiver 'broken-sns' (sns) failed attempt " + delivery.attempt() + " of 3: NotFound"));
        assertThat(finals).extracting(Delivery::outcome).containsExactly(DeliveryOutcome.DEAD_LETTERED);
    }
}
