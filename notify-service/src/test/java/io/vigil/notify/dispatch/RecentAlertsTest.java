package io.vigil.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.notify.TestAlerts;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentAlertsTest {

    @Test
    void findsRememberedAlertsAndForgetsTheOldestBeyondItsCapacity() {
        // Given
        RecentAlerts recent = new RecentAlerts(2);
        Alert first = TestAlerts.stopLogging(Severity.HIGH);
        Alert second = TestAlerts.stopLogging(Severity.LOW);
        Alert third = TestAlerts.stopLogging(Severity.CRITICAL);

        // When
        recent.remember(List.of(first, second));
        recent.remember(List.of(third));

        // Then
        assertThat(recent.find(List.of(first.id(), second.id(), third.id(), "alert-never-seen")))
                .containsOnlyKeys(second.id(), third.id())
                .containsEntry(third.id(), third);
    }
}
