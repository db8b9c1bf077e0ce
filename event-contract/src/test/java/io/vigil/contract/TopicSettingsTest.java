package io.vigil.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void minInSyncReplicasAboveReplicationFactorIsRejected() {
        // When / Then
        assertThatThrownBy(() -> new TopicSettings(3, (short) 1, 2, Duration.ofDays(7), 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min.insync.replicas must be between 1 and the replication factor 1, was 2");
    }

    @Test
    void zeroPartitionsAreRejected() {
        // When / Then
        assertThatThrownBy(() -> new TopicSettings(0, (short) 1, 1, Duration.ofDays(7), 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partitions must be at least 1, was 0");
    }
}
