package io.vigil.notify.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.notify.TestAlerts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 review, item 2: intake upserts groups and members in the order every multi-group lock takes (group id,
 * then fingerprint), not in arrival or route order, so it cannot deadlock with a resolve ending memberships.
 */
class GroupLockOrderTest {

    @Test
    void shouldOrderMembershipsByGroupIdThenFingerprintKeepingArrivalOrderAmongEqualKeys() {
        // Given: memberships in arrival order: an alert on two routes whose group ids sort the other way
        Alert onTwoRoutes = alert("fp-b");
        Alert other = alert("fp-a");
        Alert repeatOfOther = alert("fp-a");
        List<GroupRepository.Membership> arrived = List.of(
                new GroupRepository.Membership(null, onTwoRoutes, "g-2"),
                new GroupRepository.Membership(null, onTwoRoutes, "g-1"),
                new GroupRepository.Membership(null, other, "g-2"),
                new GroupRepository.Membership(null, repeatOfOther, "g-2"));

        // When
        List<GroupRepository.Membership> locked = GroupRepository.inLockOrder(arrived);

        // Then
        assertThat(locked).extracting(GroupRepository.Membership::groupId, m -> m.alert().id()).containsExactly(
                tuple("g-1", onTwoRoutes.id()), tuple("g-2", other.id()), tuple("g-2", repeatOfOther.id()),
                tuple("g-2", onTwoRoutes.id()));
        assertThat(arrived).extracting(GroupRepository.Membership::groupId).containsExactly("g-2", "g-1", "g-2",
                "g-2");
    }

    private static Alert alert(String fingerprint) {
        return TestAlerts.alert(fingerprint, Severity.HIGH, TestAlerts.RULE_ID, "520000000001", List.of("grouping"));
    }
}
