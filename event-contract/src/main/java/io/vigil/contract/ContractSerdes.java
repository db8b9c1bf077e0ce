package io.vigil.contract;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka Streams serdes for the contract messages. */
public final class ContractSerdes {

    private ContractSerdes() {
    }

    /** @return a serde for the given contract type */
    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(new ContractSerializer<>(), new ContractDeserializer<>(type));
    }
}
