package io.vigil.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RoutingFileParserTest {

    static final String EXAMPLE = """
            route:
              receiver: security-email
              group_by: [rule, account]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
              routes:
                - matchers: ['severity = critical']
                  receivers: [oncall-pagerduty, security-slack]
                  group_wait: 10s
                  continue: true
                - matchers: ['account = "111122223333"', 'rule =~ "CloudWatch\\..*"']
                  receiver: prod-webhook
                  mute_time_intervals: [maintenance]
                  routes:
                    - matchers: ['tag !~ "test|dev"']
                      active_time_intervals: [office-hours]
            time_intervals:
              maintenance:
                - weekdays: ['saturday']
                  times: ['02:00-04:00']
              office-hours:
                - weekdays: ['monday:friday']
                  times: ['09:00-17:30']
                  location: Europe/Berlin
            inhibit_rules:
              - source_matchers: ['rule =~ "GuardDuty\\..*"', 'severity = critical']
                target_matchers: ['severity = low']
                equal: [account]
                duration: 1h
            """;

    @Test
    void treeIsReadWithLinesInheritedSettingsIntervalsAndInhibitRules() {
        // When
        RoutingFile file = RoutingFileParser.parse("routing.yaml", EXAMPLE);

        // Then
        RouteNode root = file.root();
        assertThat(root.path()).isEqualTo("root");
        assertThat(root.line()).isEqualTo(2);
        assertThat(root.receivers()).containsExactly("security-email");
        RouteNode critical = root.routes().get(0);
        assertThat(critical.path()).isEqualTo("root.0");
        assertThat(critical.line()).isEqualTo(8);
        assertThat(critical.matchers()).containsExactly(new Matcher("severity", Matcher.Operator.EQUAL, "critical"));
        assertThat(critical.receivers()).containsExactly("oncall-pagerduty", "security-slack");
        assertThat(critical.continueMatching()).isTrue();
        assertThat(critical.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(critical.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(critical.groupBy()).containsExactly("rule", "account");
        RouteNode prod = root.routes().get(1);
        assertThat(prod.matchers()).containsExactly(new Matcher("account", Matcher.Operator.EQUAL, "111122223333"),
                new Matcher("rule", Matcher.Operator.REGEX, "CloudWatch\\..*"));
        assertThat(prod.muteTimeIntervals()).containsExactly("maintenance");
        RouteNode nested = prod.routes().get(0);
        assertThat(nested.path()).isEqualTo("root.1.0");
        assertThat(nested.receivers()).containsExactly("prod-webhook");
        assertThat(nested.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(nested.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(nested.activeTimeIntervals()).containsExactly("office-hours");
        assertThat(nested.muteTimeIntervals()).as("inherited").containsExactly("maintenance");
        TimeInterval.Period office = file.timeIntervals().get("office-hours").periods().get(0);
        assertThat(office.weekdays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(office.times()).containsExactly(new TimeInterval.TimeRange(LocalTime.of(9, 0),
                LocalTime.of(17, 30)));
        assertThat(office.location()).isEqualTo(ZoneId.of("Europe/Berlin"));
        InhibitRule inhibit = file.inhibitRules().get(0);
        assertThat(inhibit.equal()).containsExactly("account");
        assertThat(inhibit.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(inhibit.line()).isEqualTo(27);
    }

    @Test
    void unknownKeyIsReportedWithItsLine() {
        assertProblem("""
                route:
                  receiver: a
                  routes:
                    - matchers: ['severity = high']
                      reciever: b
                """, 5, "unknown key 'reciever' in a route; allowed: active_time_intervals, continue, group_by,"
                + " group_interval, group_wait, matchers, mute_time_intervals, receiver, receivers, repeat_interval,"
                + " routes");
    }

    @Test
    void badMatcherRegexAndUnknownLabelAreReportedWithTheirLines() {
        assertProblem("""
                route:
                  routes:
                    - matchers:
                        - 'severity = high'
                        - 'rule =~ "(unclosed"'
                """, 5, "matcher 'rule =~ \"(unclosed\"' has an invalid regular expression: Unclosed group");
        assertProblem("""
                route:
                  routes:
                    - matchers: ['team = secops']
                """, 3, "unknown label 'team'; labels are account, control, dialect, fingerprint, region, rule,"
                + " severity, tag");
        assertProblem("""
                route:
                  routes:
                    - matchers: ['severity == high']
                """, 3, "matcher 'severity == high' is not 'label op value' with op one of =, !=, =~, !~");
    }

    @Test
    void badDurationUnknownIntervalAndBadTimesAreReportedWithTheirLines() {
        assertProblem("""
                route:
                  group_wait: 30 seconds
                """, 2, "group_wait: '30 seconds' is not a duration such as 30s, 5m, 4h, 1d or 1h30m");
        assertProblem("""
                route:
                  routes:
                    - matchers: ['severity = low']
                      mute_time_intervals: [weekend]
                time_intervals:
                  nights:
                    - times: ['22:00-24:00']
                """, 4, "mute_time_intervals names time interval 'weekend', which is not defined under"
                + " time_intervals (defined: nights)");
        assertProblem("""
                route: {}
                time_intervals:
                  nights:
                    - times: ['22:00-06:00']
                """, 4, "times: '22:00-06:00' is not a range such as 09:00-17:00 (end after start, 24:00 allowed as"
                + " end)");
    }

    @Test
    void yamlSyntaxErrorMissingRouteAndRootMatchersAreReportedWithLines() {
        assertProblem("""
                route:
                  receiver: a
                  routes: [
                """, 4, "not valid YAML: expected the node content, but found '<stream end>'");
        assertProblem("""
                time_intervals: {}
                """, 1, "'route' is missing");
        assertProblem("""
                route:
                  matchers: ['severity = high']
                """, 2, "the root route matches every alert and cannot have matchers");
    }

    @Test
    void unknownReceiverIsReportedWithTheRouteLineWhenCheckedAgainstTheConfiguredReceivers() {
        // Given
        RoutingFile file = RoutingFileParser.parse("routing.yaml", EXAMPLE);

        // When / Then
        assertThatThrownBy(() -> new Router(file, java.util.Set.of("security-email", "oncall-pagerduty",
                "prod-webhook")))
                .isInstanceOf(RoutingFileException.class)
                .hasMessage("routing.yaml:8: route root.0 names receiver 'security-slack', which is not configured"
                        + " (vigil.notify.receivers.security-slack.kind); configured: oncall-pagerduty, prod-webhook,"
                        + " security-email");
    }

    private static void assertProblem(String yaml, int line, String problem) {
        assertThatThrownBy(() -> RoutingFileParser.parse("routing.yaml", yaml))
                .isInstanceOf(RoutingFileException.class)
                .hasMessageStartingWith("routing.yaml:" + line + ": " + problem)
                .extracting(e -> ((RoutingFileException) e).line()).isEqualTo(line);
    }

}
