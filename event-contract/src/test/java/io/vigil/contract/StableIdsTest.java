package io.vigil.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableIdsTest {

    @Test
    void sameIdentifyingPartsGiveTheSameId() {
        // When / Then
        assertThat(StableIds.of("aws.cloudtrail", "e-1")).isEqualTo(StableIds.of("aws.cloudtrail", "e-1"));
    }

    @Test
    void partBoundariesMatterSoConcatenationsDoNotCollide() {
        // When / Then
        assertThat(StableIds.of("ab", "c")).isNotEqualTo(StableIds.of("a", "bc"));
    }

    @Test
    void idIsANameBasedUuid() {
        // When
        String id = StableIds.of("x");

        // Then
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(3);
    }
}
