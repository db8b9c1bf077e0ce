package io.vigil.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.store.Database;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The test routing file's inhibit rule (line 48): a critical GuardDuty finding inhibits low alerts of its account for
 * 1h. Alerts are stored as intake stores them, at chosen times, and not routed (nothing escalates).
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class InhibitorTest {

    @Inject
    Database database;

    @Inject
    AlertRepository alerts;

    @Inject
    Inhibitor inhibitor;

    @Test
    void criticalFindingInhibitsLowAlertsOfItsAccountForTheRulesDurationAndNotAfter() {
        // Given
        String account = account();
        Instant received = Instant.now().minus(Duration.ofHours(3));
        Alert finding = finding(account, Severity.CRITICAL);
        store(List.of(finding), received);
        Alert low = TestAlerts.tagged("gate", Severity.LOW, account);

        // When
        Optional<String> withinTheHour = inhibition(low, received.plus(Duration.ofMinutes(59)));
        Optional<String> atTheHour = inhibition(low, received.plus(Duration.ofHours(1)));
        Optional<String> afterTheHour = inhibition(low, received.plus(Duration.ofMinutes(61)));

        // Then
        assertThat(withinTheHour).hasValue("inhibited by alert " + finding.id() + " (inhibit rule at line 48 (source"
                + " [rule=~\"GuardDuty\\..*\", severity=\"critical\"], equal [account]))");
        assertThat(atTheHour).hasValue(withinTheHour.orElseThrow());
        assertThat(afterTheHour).isEmpty();
    }

    @Test
    void criticalFindingStillInhibitsAfterMoreThan200NewerAlertsOfItsAccount() {
        // Given: the finding, then 250 newer critical alerts of the account that are not GuardDuty findings
        // (same account and severity: only the rule's regular expression tells them apart)
        String account = account();
        Instant received = Instant.now().minus(Duration.ofHours(2));
        Alert finding = finding(account, Severity.CRITICAL);
        store(List.of(finding), received);
        List<Alert> newer = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            newer.add(TestAlerts.alert("fp-" + UUID.randomUUID(), Severity.CRITICAL, TestAlerts.RULE_ID, account,
                    List.of("gate")));
        }
        store(newer, received.plusSeconds(10));
        Alert low = TestAlerts.tagged("gate", Severity.LOW, account);

        // When
        Optional<String> inhibition = inhibition(low, received.plus(Duration.ofMinutes(30)));

        // Then
        assertThat(inhibition).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("inhibited by alert " + finding.id() + " (inhibit rule at line 48"));
    }

    @Test
    void findingOfAnotherAccountOrBelowCriticalDoesNotInhibit() {
        // Given
        String account = account();
        Instant received = Instant.now().minus(Duration.ofHours(2));
        store(List.of(finding(account(), Severity.CRITICAL), finding(account, Severity.HIGH)), received);
        Alert low = TestAlerts.tagged("gate", Severity.LOW, account);

        // When
        Optional<String> inhibition = inhibition(low, received.plus(Duration.ofMinutes(5)));

        // Then
        assertThat(inhibition).isEmpty();
    }

    private Optional<String> inhibition(Alert target, Instant now) {
        return database.inTransaction(connection -> inhibitor.inhibition(connection, target.id(),
                AlertLabels.of(target), now));
    }

    private void store(List<Alert> stored, Instant receivedAt) {
        database.inTransaction(connection -> alerts.insertAll(connection, stored.stream()
                .map(a -> new AlertRepository.NewAlert(a, AlertLabels.of(a), false)).toList(), receivedAt));
    }

    private static Alert finding(String account, Severity severity) {
        return TestAlerts.alert("fp-" + UUID.randomUUID(), severity, "GuardDuty.UnauthorizedAccess", account,
                List.of("gate"));
    }

    private static String account() {
        return "6" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L);
    }
}
