package io.vigil.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.ContractJson;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvidenceParserTest {

    private static final Instant PRODUCED = Instant.parse("2026-11-23T09:59:59Z");

    private static Delivery delivery(String id, String error) {
        return new Delivery(1, id, PRODUCED, "alert-1", "fp-1", "rule-1", "security-email", "email", 1,
                DeliveryOutcome.FAILED, PRODUCED, 12, null, error);
    }

    @Test
    void validDeliveryBecomesEvidenceWithTheReceivedJsonAsPayload() {
        // Given
        byte[] json = "{\"schemaVersion\":1,\"id\":\"d-1\",\"producedAt\":\"2026-11-23T09:59:59Z\",\"alertId\":\"a\",\"receiver\":\"r\",\"outcome\":\"DELIVERED\",\"addedLater\":{\"x\":1}}"
                .getBytes(StandardCharsets.UTF_8);

        // When
        ParseResult result = new IncomingMessage(Topics.DELIVERIES, 2, 17L, "a", json).parse();

        // Then
        assertThat(result.skipReason()).isNull();
        assertThat(result.evidence()).isEqualTo(new NewEvidence(EvidenceKind.DELIVERY, "d-1", "a",
                Topics.DELIVERIES + "/2", 17L,
                new EvidenceDescriptor("d-1", PRODUCED, null, null, java.util.List.of(), null, null, null),
                new String(json, StandardCharsets.UTF_8)));
    }

    @Test
    void recordThatIsNotJsonIsSkippedAsMalformed() {
        // When
        ParseResult result = new IncomingMessage(Topics.ALERTS, 0, 1L, "k",
                "{not json".getBytes(StandardCharsets.UTF_8)).parse();

        // Then
        assertThat(result.evidence()).isNull();
        assertThat(result.skipReason()).isEqualTo("malformed");
        assertThat(result.detail()).startsWith("Not a valid Alert: ");
    }

    @Test
    void messageWithoutItsRequiredIdIsSkippedAsMalformed() {
        // When
        ParseResult result = new IncomingMessage(Topics.DELIVERIES, 0, 1L, "k",
                "{\"alertId\":\"a\",\"receiver\":\"r\",\"outcome\":\"DELIVERED\"}".getBytes(StandardCharsets.UTF_8))
                .parse();

        // Then
        assertThat(result.evidence()).isNull();
        assertThat(result.skipReason()).isEqualTo("malformed");
    }

    @Test
    void tombstoneIsSkippedAsEmptyValue() {
        // When
        ParseResult result = new IncomingMessage(Topics.EVENTS, 0, 1L, "k", null).parse();

        // Then
        assertThat(result.skipReason()).isEqualTo("empty-value");
    }

    @Test
    void recordFromATopicWithoutAnEvidenceKindIsSkipped() {
        // When
        ParseResult result = new IncomingMessage("vigil.other.v1", 0, 1L, "k",
                ContractJson.write(delivery("d-2", null))).parse();

        // Then
        assertThat(result.skipReason()).isEqualTo("unknown-topic");
    }

    @Test
    void keyLongerThanTheIndexBoundIsSkipped() {
        // When
        ParseResult result = new IncomingMessage(Topics.DELIVERIES, 0, 1L, "k".repeat(2049),
                ContractJson.write(delivery("d-3", null))).parse();

        // Then
        assertThat(result.skipReason()).isEqualTo("key-too-long");
    }

    @Test
    void nulCharacterThatJsonbRejectsIsReplacedAndTheRestKept() {
        // Given
        byte[] json = ContractJson.write(delivery("d-4", "smtp said \u0000bye"));

        // When
        ParseResult result = new IncomingMessage(Topics.DELIVERIES, 0, 1L, "alert-1", json).parse();

        // Then
        Delivery stored = ContractJson.read(result.evidence().payloadJson(), Delivery.class);
        assertThat(result.evidence().payloadJson()).doesNotContain("\\u0000");
        assertThat(stored).isEqualTo(delivery("d-4", "smtp said \uFFFDbye"));
    }
}
