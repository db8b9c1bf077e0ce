package io.vigil.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteExplainCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void explainsWhichReceiversAnAlertReachesAndWhy() throws Exception {
        // Given
        Path file = Files.writeString(dir.resolve("routing.yaml"), RoutingFileParserTest.EXAMPLE);

        // When
        int code = run(file.toString(), "severity=critical", "account=999", "rule=GuardDuty.1");

        // Then
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(file + ": valid (4 routes, 2 time intervals,"
                + " 1 inhibit rules)\n"
                + "route root.0 (line 8) -> receivers [oncall-pagerduty, security-slack], group by"
                + " {rule=GuardDuty.1, account=999}\n"
                + "  because root route (line 2) matches every alert\n"
                + "  because route root.0 (line 8) matched severity=\"critical\" (severity=\"critical\");"
                + " continue: true\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void routeInsideAMuteTimeIntervalIsPrintedMutedByTheInterval() throws Exception {
        // Given: Saturday 03:00 UTC, inside 'maintenance' (saturday 02:00-04:00)
        Path file = Files.writeString(dir.resolve("routing.yaml"), RoutingFileParserTest.EXAMPLE);

        // When
        int code = RouteExplainCommand.run(new String[]{file.toString(), "severity=high", "account=111122223333",
                "rule=CloudWatch.5", "tag=prod"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Instant.parse("2026-11-21T03:00:00Z"));

        // Then
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("route ")))
                .containsExactly("route root.1.0 (line 16) -> receivers [prod-webhook] MUTED by mute_time_intervals"
                        + " 'maintenance', group by {rule=CloudWatch.5, account=111122223333}");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void invalidFileExitsWithOneAndPrintsFileAndLine() throws Exception {
        // Given
        Path file = Files.writeString(dir.resolve("bad.yaml"), "route:\n  group_wait: soon\n");

        // When
        int code = run(file.toString());

        // Then
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(file + ":2: group_wait: 'soon' is not a duration"
                + " such as 30s, 5m, 4h, 1d or 1h30m\n");
    }

    @Test
    void unknownLabelOrMissingFileArgumentIsAUsageError() throws Exception {
        // Given
        Path file = Files.writeString(dir.resolve("routing.yaml"), RoutingFileParserTest.EXAMPLE);

        // When / Then
        assertThat(run(file.toString(), "team=secops")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown label 'team'");
        assertThat(run()).isEqualTo(2);
    }

    private int run(String... args) {
        return RouteExplainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Instant.parse("2026-11-25T09:00:00Z"));
    }
}
