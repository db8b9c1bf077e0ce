package io.vigil.contract;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for one contract message type. A null value (a tombstone) stays null. Bytes that are not a
 * valid message throw {@link ContractException}, so a consumer's error handling decides what to do with them.
 * Subclasses with a no-arg constructor exist per type for configuration by class name.
 *
 * @param <T> the message type
 */
public class ContractDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    public ContractDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : ContractJson.read(data, type);
    }

    /** Deserializer of {@link NormalizedEvent}, configurable by class name. */
    public static final class NormalizedEvents extends ContractDeserializer<NormalizedEvent> {
        public NormalizedEvents() {
            super(NormalizedEvent.class);
        }
    }

    /** Deserializer of {@link DeadLetter}, configurable by class name. */
    public static final class DeadLetters extends ContractDeserializer<DeadLetter> {
        public DeadLetters() {
            super(DeadLetter.class);
        }
    }

    /** Deserializer of {@link Alert}, configurable by class name. */
    public static final class Alerts extends ContractDeserializer<Alert> {
        public Alerts() {
            super(Alert.class);
        }
    }

    /** Deserializer of {@link ComplianceEvaluation}, configurable by class name. */
    public static final class ComplianceEvaluations extends ContractDeserializer<ComplianceEvaluation> {
        public ComplianceEvaluations() {
            super(ComplianceEvaluation.class);
        }
    }

    /** Deserializer of {@link RuleChange}, configurable by class name. */
    public static final class RuleChanges extends ContractDeserializer<RuleChange> {
        public RuleChanges() {
            super(RuleChange.class);
        }
    }

    /** Deserializer of {@link Delivery}, configurable by class name. */
    public static final class Deliveries extends ContractDeserializer<Delivery> {
        public Deliveries() {
            super(Delivery.class);
        }
    }
}
