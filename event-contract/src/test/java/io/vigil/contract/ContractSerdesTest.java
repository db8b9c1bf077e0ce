package io.vigil.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ContractSerdesTest {

    @Test
    void streamsSerdeRoundTripsAnAlert() {
        // Given
        Serde<Alert> serde = ContractSerdes.of(Alert.class);

        // When
        byte[] bytes = serde.serializer().serialize(Topics.ALERTS, ContractSamples.alert());

        // Then
        assertThat(serde.deserializer().deserialize(Topics.ALERTS, bytes)).isEqualTo(ContractSamples.alert());
    }

    @Test
    void deserializerConfiguredByClassNameReadsItsType() throws ReflectiveOperationException {
        // Given
        @SuppressWarnings("unchecked")
        Deserializer<NormalizedEvent> deserializer = (Deserializer<NormalizedEvent>) Class
                .forName("io.vigil.contract.ContractDeserializer$NormalizedEvents")
                .getDeclaredConstructor().newInstance();
        byte[] bytes = new ContractSerializer<NormalizedEvent>().serialize(Topics.EVENTS, ContractSamples.event());

        // When
        NormalizedEvent read = deserializer.deserialize(Topics.EVENTS, bytes);

        // Then
        assertThat(read).isEqualTo(ContractSamples.event());
    }

    @Test
    void tombstonesStayNull() {
        // When / Then
        assertThat(new ContractSerializer<Delivery>().serialize(Topics.DELIVERIES, null)).isNull();
        assertThat(new ContractDeserializer.Deliveries().deserialize(Topics.DELIVERIES, null)).isNull();
    }

    @Test
    void garbageBytesRaiseContractException() {
        // When / Then
        assertThatThrownBy(() -> new ContractDeserializer.Alerts()
                .deserialize(Topics.ALERTS, "garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("Not a valid Alert: ");
    }
}
