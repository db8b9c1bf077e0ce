package io.vigil.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingFileTest {

    // Wednesday 10:00 in Berlin (office hours), not in the Saturday maintenance window
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-11-25T09:00:00Z");
    private static final Instant SATURDAY_MAINTENANCE = Instant.parse("2026-11-28T03:00:00Z");
    private static final Instant WEDNESDAY_NIGHT = Instant.parse("2026-11-25T22:00:00Z");

    private final RoutingFile file = RoutingFileParser.parse("routing.yaml", RoutingFileParserTest.EXAMPLE);

    @Test
    void criticalAlertTakesTheCriticalRouteAndContinuesToTheNextMatchingSibling() {
        // Given
        AlertLabels labels = AlertLabels.parse(List.of("severity=critical", "account=111122223333",
                "rule=CloudWatch.5", "tag=cis"));

        // When
        List<RouteMatch> matches = file.match(labels, WEDNESDAY_MORNING);

        // Then
        assertThat(matches).extracting(m -> m.route().path(), RouteMatch::receivers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("root.0", List.of("oncall-pagerduty", "security-slack")),
                org.assertj.core.groups.Tuple.tuple("root.1.0", List.of("prod-webhook")));
        assertThat(matches.get(0).reasons()).containsExactly(
                "root route (line 2) matches every alert",
                "route root.0 (line 8) matched severity=\"critical\" (severity=\"critical\"); continue: true");
        assertThat(matches.get(1).reasons()).containsExactly(
                "root route (line 2) matches every alert",
                "route root.1 (line 12) matched account=\"111122223333\" (account=\"111122223333\"),"
                        + " rule=~\"CloudWatch\\..*\" (rule=\"CloudWatch.5\")",
                "route root.1.0 (line 16) matched tag!~\"test|dev\" (tag=\"cis\")");
        assertThat(matches.get(0).groupLabels()).containsExactly(java.util.Map.entry("rule", "CloudWatch.5"),
                java.util.Map.entry("account", "111122223333"));
        assertThat(matches).allSatisfy(m -> assertThat(m.mutedBy()).isEmpty());
    }

    @Test
    void alertNoChildMatchesEndsOnTheParentAndNoMatchingGrandchildEndsOnTheChild() {
        // When
        List<RouteMatch> other = file.match(AlertLabels.parse(List.of("severity=low", "account=999")),
                WEDNESDAY_MORNING);
        List<RouteMatch> testTagged = file.match(AlertLabels.parse(List.of("severity=low",
                "account=111122223333", "rule=CloudWatch.1", "tag=test")), WEDNESDAY_MORNING);

        // Then
        assertThat(other).extracting(m -> m.route().path()).containsExactly("root");
        assertThat(other.get(0).receivers()).containsExactly("security-email");
        assertThat(testTagged).extracting(m -> m.route().path()).containsExactly("root.1");
    }

    @Test
    void muteAndActiveTimeIntervalsMuteTheRouteWithTheReason() {
        // Given
        AlertLabels labels = AlertLabels.parse(List.of("severity=low", "account=111122223333",
                "rule=CloudWatch.5"));

        // When
        Optional<String> maintenance = file.match(labels, SATURDAY_MAINTENANCE).get(0).mutedBy();
        Optional<String> night = file.match(labels, WEDNESDAY_NIGHT).get(0).mutedBy();
        Optional<String> office = file.match(labels, WEDNESDAY_MORNING).get(0).mutedBy();

        // Then
        assertThat(maintenance).contains("mute_time_intervals 'maintenance'");
        assertThat(night).contains("outside active_time_intervals [office-hours]");
        assertThat(office).isEmpty();
    }

    @Test
    void matchersOnMultiValuedAndMissingLabelsFollowAlertmanagerSemantics() {
        // Given
        AlertLabels tags = AlertLabels.parse(List.of("tag=cis", "tag=guardduty"));

        // When / Then
        assertThat(Matcher.parse("tag = guardduty").matches(tags)).isTrue();
        assertThat(Matcher.parse("tag != guardduty").matches(tags)).isFalse();
        assertThat(Matcher.parse("tag =~ \"guard.*\"").matches(tags)).isTrue();
        assertThat(Matcher.parse("tag !~ \"guard.*\"").matches(tags)).isFalse();
        assertThat(Matcher.parse("tag =~ \"guard\"").matches(tags)).as("regex matches whole values").isFalse();
        assertThat(Matcher.parse("region = \"\"").matches(tags)).as("missing label equals empty").isTrue();
        assertThat(Matcher.parse("region != eu-west-1").matches(tags)).isTrue();
    }

    @Test
    void inhibitRuleNeedsSourceMatchersAndEqualLabels() {
        // Given
        InhibitRule rule = file.inhibitRules().get(0);
        AlertLabels source = AlertLabels.parse(List.of("rule=GuardDuty.1", "severity=critical", "account=1"));
        AlertLabels sameAccount = AlertLabels.parse(List.of("rule=CloudWatch.5", "severity=low", "account=1"));
        AlertLabels otherAccount = AlertLabels.parse(List.of("rule=CloudWatch.5", "severity=low", "account=2"));

        // When / Then
        assertThat(rule.targets(sameAccount)).isTrue();
        assertThat(rule.inhibits(source, sameAccount)).isTrue();
        assertThat(rule.inhibits(source, otherAccount)).isFalse();
        assertThat(rule.inhibits(sameAccount, sameAccount)).isFalse();
    }
}
