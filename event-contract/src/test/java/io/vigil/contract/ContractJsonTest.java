package io.vigil.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractJsonTest {

    static Stream<Arguments> everyMessage() {
        return Stream.of(
                Arguments.of(NormalizedEvent.class, (Supplier<Object>) ContractSamples::event),
                Arguments.of(DeadLetter.class, (Supplier<Object>) ContractSamples::deadLetter),
                Arguments.of(Alert.class, (Supplier<Object>) ContractSamples::alert),
                Arguments.of(ComplianceEvaluation.class, (Supplier<Object>) ContractSamples::compliance),
                Arguments.of(RuleChange.class, (Supplier<Object>) ContractSamples::ruleChange),
                Arguments.of(Delivery.class, (Supplier<Object>) ContractSamples::delivery));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageSurvivesARoundTripUnchanged(Class<?> type, Supplier<Object> sample) {
        // Given
        Object message = sample.get();

        // When
        Object read = ContractJson.read(ContractJson.write(message), type);

        // Then
        assertThat(read).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageCarriesSchemaVersionIdAndProducedAt(Class<?> type, Supplier<Object> sample) throws Exception {
        // Given
        int written = type.getField("SCHEMA_VERSION").getInt(null);

        // When
        JsonNode json = ContractJson.read(ContractJson.write(sample.get()), JsonNode.class);

        // Then
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(written).isPositive();
        assertThat(json.path("id").isTextual()).isTrue();
        assertThat(json.path("producedAt").asText()).isEqualTo("2026-11-23T09:15:02.123Z");
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageMatchesItsGoldenJson(Class<?> type, Supplier<Object> sample) throws IOException {
        // Given
        JsonNode golden = golden(type.getSimpleName());

        // When
        JsonNode written = ContractJson.read(ContractJson.write(sample.get()), JsonNode.class);

        // Then
        assertThat(written).isEqualTo(golden);
    }

    @Test
    void normalizedEventExposesOcsfClassAndCategoryIds() {
        // When
        JsonNode json = ContractJson.read(ContractJson.write(ContractSamples.event()), JsonNode.class);

        // Then
        assertThat(json.path("eventClass").asText()).isEqualTo("API_ACTIVITY");
        assertThat(json.path("classUid").asInt()).isEqualTo(6003);
        assertThat(json.path("categoryUid").asInt()).isEqualTo(6);
    }

    @Test
    void rawDocumentKeepsExactDecimalValues() {
        // When
        NormalizedEvent read = ContractJson.read(ContractJson.write(ContractSamples.event()), NormalizedEvent.class);

        // Then
        assertThat(read.raw().path("detail").path("score").decimalValue().toPlainString()).isEqualTo("0.10");
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        // Given
        String newer = """
                {"schemaVersion":1,"id":"d-9","producedAt":"2026-11-23T09:15:02Z","alertId":"a-1",
                 "receiver":"ops","receiverKind":"email","attempt":1,"outcome":"DELIVERED",
                 "someFutureField":{"nested":[1,2,3]}}
                """;

        // When
        Delivery read = ContractJson.read(newer, Delivery.class);

        // Then
        assertThat(read.id()).isEqualTo("d-9");
        assertThat(read.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    }

    @Test
    void absentOptionalComponentsAreOmittedNotWrittenAsNull() {
        // When
        String json = ContractJson.writeString(ContractSamples.delivery());

        // Then
        assertThat(json).doesNotContain("\"error\"");
    }

    @Test
    void missingRequiredIdIsRejectedNamingTheType() {
        // Given
        String noId = "{\"schemaVersion\":1,\"alertId\":\"a-1\",\"receiver\":\"ops\",\"outcome\":\"DELIVERED\"}";

        // When / Then
        assertThatThrownBy(() -> ContractJson.read(noId, Delivery.class))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("Not a valid Delivery: ")
                .hasMessageContaining("id");
    }

    @Test
    void malformedJsonIsRejectedNamingTheType() {
        // When / Then
        assertThatThrownBy(() -> ContractJson.read("{not json", Alert.class))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("Not a valid Alert: ");
    }

    @Test
    void collectionsAreImmutableCopies() {
        // Given
        var controls = new java.util.ArrayList<>(List.of("SecurityHub:CloudWatch.5"));
        Alert alert = new Alert(1, "a", null, "fp", "r", "t", "d", Severity.LOW, controls, null, "g", "s", "1",
                null, null, null, 1, null, 0, null);

        // When
        controls.add("mutated");

        // Then
        assertThat(alert.controls()).containsExactly("SecurityHub:CloudWatch.5");
        assertThat(alert.tags()).isEmpty();
        assertThat(alert.events()).isEmpty();
    }

    @Test
    void configStateChangeEventsCarryTheOcsfDeviceConfigStateChangeIds() {
        // When
        JsonNode json = ContractJson.read(ContractJson.write(new NormalizedEvent(1, "c", null, "aws.config", "s",
                EventClass.CONFIG_STATE_CHANGE, null, "111122223333", null, null, null, null, null, null, null, null,
                null)), JsonNode.class);

        // Then
        assertThat(json.path("eventClass").asText()).isEqualTo("CONFIG_STATE_CHANGE");
        assertThat(json.path("classUid").asInt()).isEqualTo(5019);
        assertThat(json.path("categoryUid").asInt()).isEqualTo(5);
    }

    @Test
    void caveatsRoundTripAndAreOmittedWhenThereAreNone() {
        // Given
        NormalizedEvent plain = new NormalizedEvent(1, "c", null, "aws.config", "s", EventClass.CONFIG_STATE_CHANGE,
                null, "111122223333", null, null, null, null, null, null, null, null, null);
        NormalizedEvent withCaveat = new NormalizedEvent(1, "c", null, "aws.config", "s",
                EventClass.CONFIG_STATE_CHANGE, null, "111122223333", null, null, null, null, null, null, null, null,
                null, List.of("config-item-summary-only: S3 unreachable"));

        // When
        NormalizedEvent read = ContractJson.read(ContractJson.write(withCaveat), NormalizedEvent.class);

        // Then
        assertThat(read.caveats()).containsExactly("config-item-summary-only: S3 unreachable");
        assertThat(plain.caveats()).isEmpty();
        assertThat(ContractJson.writeString(plain)).doesNotContain("caveats");
        assertThat(ContractJson.read(ContractJson.write(plain), NormalizedEvent.class)).isEqualTo(plain);
    }

    @Test
    void deadLetterReasonsForLongFieldsAndTooManyItemsRoundTripByName() {
        // Given
        DeadLetter deadLetter = new DeadLetter(1, "d", null, DeadLetterReason.TOO_MANY_ITEMS, "101 findings", null,
                null, DeadLetter.ENCODING_UTF8, "{}", 2);

        // When
        DeadLetter read = ContractJson.read(ContractJson.write(deadLetter), DeadLetter.class);

        // Then
        assertThat(read.reason()).isEqualTo(DeadLetterReason.TOO_MANY_ITEMS);
        assertThat(ContractJson.writeString(DeadLetterReason.FIELD_TOO_LONG)).isEqualTo("\"FIELD_TOO_LONG\"");
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = ContractJsonTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("golden file golden/%s.json", name).isNotNull();
            return ContractJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), JsonNode.class);
        }
    }
}
