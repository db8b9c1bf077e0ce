package io.vigil.notify.routing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/vigil-notify-route <routing.yaml> [label=value ...]}: validates a routing file and, given labels, prints
 * which routes and receivers an alert with those labels reaches and why. Exit code 0 when valid, 1 when the file
 * has a problem (printed as {@code file:line: problem}), 2 on bad usage. Runs without the service.
 */
public final class RouteExplainCommand {

    private RouteExplainCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Instant.now()));
    }

    /** @return the exit code */
    static int run(String[] args, PrintStream out, PrintStream err, Instant now) {
        if (args.length < 1) {
            err.println("usage: vigil-notify-route <routing.yaml> [label=value ...]");
            err.println("labels: " + String.join(", ", AlertLabels.NAMES.stream().sorted().toList()));
            return 2;
        }
        RoutingFile routing;
        try {
            routing = RoutingFileParser.parse(Path.of(args[0]));
        } catch (RoutingFileException e) {
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(args[0] + ": " + e.getMessage());
            return 1;
        }
        out.println(routing.source() + ": valid (" + routing.routes().size() + " routes, "
                + routing.timeIntervals().size() + " time intervals, " + routing.inhibitRules().size()
                + " inhibit rules)");
        List<String> pairs = Arrays.asList(args).subList(1, args.length);
        if (pairs.isEmpty()) {
            return 0;
        }
        AlertLabels labels;
        try {
            labels = AlertLabels.parse(pairs);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        for (RouteMatch match : routing.match(labels, now)) {
            out.println("route " + match.route().path() + " (line " + match.route().line() + ") -> receivers "
                    + match.receivers() + (match.mutedBy().isPresent() ? " MUTED by " + match.mutedBy().get() : "")
                    + ", group by " + match.groupLabels());
            match.reasons().forEach(reason -> out.println("  because " + reason));
        }
        return 0;
    }
}
