package io.vigil.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.contract.Severity;
import io.vigil.notify.TestAlerts;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTest {

    private static final Set<String> CONFIGURED = Set.of("security-email", "security-sns");

    @Test
    void routeNamingAnUnconfiguredReceiverIsRejectedNamingItAndTheKey() {
        // When / Then
        assertThatThrownBy(() -> Route.validated(List.of("security-email", "pager"), Severity.LOW,
                Set.of("security-email")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vigil.notify.route.receivers names receiver 'pager', which is not configured"
                        + " (vigil.notify.receivers.pager.kind); configured: security-email");
    }

    @Test
    void alertAtTheMinimumSeverityReachesEveryReceiverInRouteOrder() {
        // Given
        Route route = Route.validated(List.of("security-sns", "security-email"), Severity.MEDIUM, CONFIGURED);

        // When
        List<String> receivers = route.receiversFor(TestAlerts.stopLogging(Severity.MEDIUM));

        // Then
        assertThat(receivers).containsExactly("security-sns", "security-email");
    }

    @Test
    void alertBelowTheMinimumSeverityReachesNoReceiver() {
        // Given
        Route route = Route.validated(List.of("security-email"), Severity.MEDIUM, CONFIGURED);

        // When
        List<String> receivers = route.receiversFor(TestAlerts.stopLogging(Severity.LOW));

        // Then
        assertThat(receivers).isEmpty();
    }

    @Test
    void receiverNamedTwiceIsNotifiedOnce() {
        // Given
        Route route = Route.validated(List.of("security-email", "security-email"), Severity.LOW, CONFIGURED);

        // When
        List<String> receivers = route.receiversFor(TestAlerts.stopLogging(Severity.CRITICAL));

        // Then
        assertThat(receivers).containsExactly("security-email");
    }
}
