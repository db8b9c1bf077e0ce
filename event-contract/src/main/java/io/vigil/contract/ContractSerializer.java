package io.vigil.contract;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer for any contract message, as {@link ContractJson} writes it. Thread-safe; usable by plain
 * producers ({@code value.serializer=io.vigil.contract.ContractSerializer}) and in {@link ContractSerdes}.
 *
 * @param <T> the message type
 */
public class ContractSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T message) {
        return message == null ? null : ContractJson.write(message);
    }
}
