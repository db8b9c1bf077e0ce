package io.vigil.notify.routing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a routing file (YAML, in the spirit of Alertmanager's {@code route}, {@code time_intervals} and
 * {@code inhibit_rules}). SnakeYAML's node tree keeps positions, so every problem is reported as
 * {@code <source>:<line>: <what is wrong>}: syntax errors, unknown keys, bad matchers, durations, time intervals
 * and references to unknown intervals. Receiver names are checked later against the configured receivers.
 */
public final class RoutingFileParser {

    private static final Set<String> ROOT_KEYS = Set.of("route", "time_intervals", "inhibit_rules");
    private static final Set<String> ROUTE_KEYS = Set.of("receiver", "receivers", "matchers", "continue", "group_by",
            "group_wait", "group_interval", "repeat_interval", "mute_time_intervals", "active_time_intervals",
            "routes");
    private static final Set<String> PERIOD_KEYS = Set.of("weekdays", "times", "days_of_month", "location");
    private static final Set<String> INHIBIT_KEYS = Set.of("source_matchers", "target_matchers", "equal",
            "duration");
    private static final Defaults ROOT_DEFAULTS = new Defaults(List.of(), List.of(RouteNode.ALL_LABELS),
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), List.of(), List.of());

    private final String source;

    private RoutingFileParser(String source) {
        this.source = source;
    }

    /** @throws RoutingFileException naming the line of the first problem */
    public static RoutingFile parse(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new RoutingFileParser(file.toString()).read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read routing file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws RoutingFileException naming the line of the first problem */
    public static RoutingFile parse(String source, String yaml) {
        return new RoutingFileParser(source).read(new StringReader(yaml));
    }

    private RoutingFile read(Reader reader) {
        Node document;
        try {
            document = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new RoutingFileException(source, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new RoutingFileException(source, 1, "not valid YAML: " + e.getMessage());
        }
        if (document == null) {
            throw new RoutingFileException(source, 1, "the file is empty; it needs at least 'route:'");
        }
        Map<String, NodeTuple> top = mapping(document, ROOT_KEYS, "the file");
        if (!top.containsKey("route")) {
            throw new RoutingFileException(source, line(document), "'route' is missing");
        }
        Map<String, TimeInterval> intervals = top.containsKey("time_intervals")
                ? timeIntervals(top.get("time_intervals").getValueNode())
                : Map.of();
        Node rootNode = top.get("route").getValueNode();
        Map<String, NodeTuple> rootKeys = mapping(rootNode, ROUTE_KEYS, "a route");
        if (rootKeys.containsKey("matchers")) {
            throw new RoutingFileException(source, line(rootKeys.get("matchers").getKeyNode()),
                    "the root route matches every alert and cannot have matchers");
        }
        if (rootKeys.containsKey("continue")) {
            throw new RoutingFileException(source, line(rootKeys.get("continue").getKeyNode()),
                    "the root route cannot have 'continue'");
        }
        RouteNode root = route(rootNode, "root", ROOT_DEFAULTS, intervals);
        List<InhibitRule> inhibitRules = top.containsKey("inhibit_rules")
                ? inhibitRules(top.get("inhibit_rules").getValueNode())
                : List.of();
        return new RoutingFile(source, root, intervals, inhibitRules);
    }

    private RouteNode route(Node node, String path, Defaults parent, Map<String, TimeInterval> intervals) {
        Map<String, NodeTuple> keys = mapping(node, ROUTE_KEYS, "a route");
        if (keys.containsKey("receiver") && keys.containsKey("receivers")) {
            throw new RoutingFileException(source, line(keys.get("receivers").getKeyNode()),
                    "a route has either 'receiver' or 'receivers', not both");
        }
        List<String> receivers = keys.containsKey("receiver")
                ? List.of(scalar(keys.get("receiver").getValueNode(), "receiver"))
                : keys.containsKey("receivers")
                        ? strings(keys.get("receivers").getValueNode(), "receivers")
                        : parent.receivers();
        List<Matcher> matchers = new ArrayList<>();
        if (keys.containsKey("matchers")) {
            for (Node item : sequence(keys.get("matchers").getValueNode(), "matchers")) {
                matchers.add(matcher(item));
            }
        }
        List<String> groupBy = keys.containsKey("group_by")
                ? groupBy(keys.get("group_by").getValueNode())
                : parent.groupBy();
        List<String> mute = keys.containsKey("mute_time_intervals")
                ? intervalNames(keys, "mute_time_intervals", intervals)
                : parent.muteTimeIntervals();
        List<String> active = keys.containsKey("active_time_intervals")
                ? intervalNames(keys, "active_time_intervals", intervals)
                : parent.activeTimeIntervals();
        Defaults own = new Defaults(receivers, groupBy,
                duration(keys, "group_wait", parent.groupWait()),
                duration(keys, "group_interval", parent.groupInterval()),
                duration(keys, "repeat_interval", parent.repeatInterval()), mute, active);
        boolean continueMatching = keys.containsKey("continue")
                && bool(keys.get("continue").getValueNode(), "continue");
        List<RouteNode> children = new ArrayList<>();
        if (keys.containsKey("routes")) {
            List<Node> items = sequence(keys.get("routes").getValueNode(), "routes");
            for (int i = 0; i < items.size(); i++) {
                children.add(route(items.get(i), path + "." + i, own, intervals));
            }
        }
        return new RouteNode(path, line(node), matchers, receivers, continueMatching, groupBy, own.groupWait(),
                own.groupInterval(), own.repeatInterval(), mute, active, children);
    }

    private Matcher matcher(Node node) {
        String text = scalar(node, "a matcher");
        try {
            return Matcher.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RoutingFileException(source, line(node), e.getMessage());
        }
    }

    private List<String> groupBy(Node node) {
        List<String> labels = strings(node, "group_by");
        for (String label : labels) {
            if (!label.equals(RouteNode.ALL_LABELS) && !AlertLabels.NAMES.contains(label)) {
                throw new RoutingFileException(source, line(node), "group_by names unknown label '" + label
                        + "'; labels are " + String.join(", ", new TreeSet<>(AlertLabels.NAMES)) + " or '...'");
            }
        }
        return labels;
    }

    private Duration duration(Map<String, NodeTuple> keys, String key, Duration inherited) {
        if (!keys.containsKey(key)) {
            return inherited;
        }
        Node node = keys.get(key).getValueNode();
        try {
            return DurationText.parse(scalar(node, key));
        } catch (IllegalArgumentException e) {
            throw new RoutingFileException(source, line(node), key + ": " + e.getMessage());
        }
    }

    private List<String> intervalNames(Map<String, NodeTuple> keys, String key, Map<String, TimeInterval> known) {
        if (!keys.containsKey(key)) {
            return List.of();
        }
        Node node = keys.get(key).getValueNode();
        List<String> names = strings(node, key);
        for (String name : names) {
            if (!known.containsKey(name)) {
                throw new RoutingFileException(source, line(node), key + " names time interval '" + name
                        + "', which is not defined under time_intervals"
                        + (known.isEmpty()
                                ? ""
                                : " (defined: " + String.join(", ", new TreeSet<>(known.keySet()))
                                        + ")"));
            }
        }
        return names;
    }

    private Map<String, TimeInterval> timeIntervals(Node node) {
        Map<String, TimeInterval> intervals = new LinkedHashMap<>();
        for (NodeTuple entry : mappingNode(node, "time_intervals").getValue()) {
            String name = scalar(entry.getKeyNode(), "a time interval name");
            List<TimeInterval.Period> periods = new ArrayList<>();
            for (Node period : sequence(entry.getValueNode(), "time interval '" + name + "'")) {
                periods.add(period(period));
            }
            intervals.put(name, new TimeInterval(name, periods));
        }
        return intervals;
    }

    private TimeInterval.Period period(Node node) {
        Map<String, NodeTuple> keys = mapping(node, PERIOD_KEYS, "a time period");
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        if (keys.containsKey("weekdays")) {
            Node value = keys.get("weekdays").getValueNode();
            for (String item : strings(value, "weekdays")) {
                weekdays.addAll(weekdayRange(item, value));
            }
        }
        List<TimeInterval.TimeRange> times = new ArrayList<>();
        if (keys.containsKey("times")) {
            Node value = keys.get("times").getValueNode();
            for (String item : strings(value, "times")) {
                times.add(timeRange(item, value));
            }
        }
        Set<Integer> days = new TreeSet<>();
        if (keys.containsKey("days_of_month")) {
            Node value = keys.get("days_of_month").getValueNode();
            for (String item : strings(value, "days_of_month")) {
                days.addAll(dayRange(item, value));
            }
        }
        ZoneId location = ZoneOffset.UTC;
        if (keys.containsKey("location")) {
            Node value = keys.get("location").getValueNode();
            try {
                location = ZoneId.of(scalar(value, "location"));
            } catch (DateTimeException e) {
                throw new RoutingFileException(source, line(value), "location: unknown time zone '"
                        + scalar(value, "location") + "'");
            }
        }
        return new TimeInterval.Period(weekdays, times, days, location);
    }

    private Set<DayOfWeek> weekdayRange(String text, Node node) {
        String[] ends = text.toLowerCase(Locale.ROOT).split(":", -1);
        try {
            DayOfWeek from = DayOfWeek.valueOf(ends[0].trim().toUpperCase(Locale.ROOT));
            DayOfWeek to = ends.length == 2 ? DayOfWeek.valueOf(ends[1].trim().toUpperCase(Locale.ROOT)) : from;
            if (ends.length > 2 || to.compareTo(from) < 0) {
                throw new IllegalArgumentException();
            }
            return EnumSet.range(from, to);
        } catch (IllegalArgumentException e) {
            throw new RoutingFileException(source, line(node), "weekdays: '" + text
                    + "' is not a weekday or range such as monday:friday");
        }
    }

    private TimeInterval.TimeRange timeRange(String text, Node node) {
        String[] ends = text.split("-", -1);
        try {
            if (ends.length != 2) {
                throw new DateTimeException(text);
            }
            LocalTime start = LocalTime.parse(ends[0].trim());
            String endText = ends[1].trim();
            LocalTime end = endText.equals("24:00") ? null : LocalTime.parse(endText);
            if (end != null && !end.isAfter(start)) {
                throw new DateTimeException(text);
            }
            return new TimeInterval.TimeRange(start, end);
        } catch (DateTimeException e) {
            throw new RoutingFileException(source, line(node), "times: '" + text
                    + "' is not a range such as 09:00-17:00 (end after start, 24:00 allowed as end)");
        }
    }

    private Set<Integer> dayRange(String text, Node node) {
        String[] ends = text.split(":", -1);
        try {
            int from = Integer.parseInt(ends[0].trim());
            int to = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : from;
            if (ends.length > 2 || from < 1 || to > 31 || to < from) {
                throw new NumberFormatException();
            }
            Set<Integer> days = new TreeSet<>();
            for (int day = from; day <= to; day++) {
                days.add(day);
            }
            return days;
        } catch (NumberFormatException e) {
            throw new RoutingFileException(source, line(node), "days_of_month: '" + text
                    + "' is not a day or range between 1 and 31 such as 1:7");
        }
    }

    private List<InhibitRule> inhibitRules(Node node) {
        List<InhibitRule> rules = new ArrayList<>();
        for (Node item : sequence(node, "inhibit_rules")) {
            Map<String, NodeTuple> keys = mapping(item, INHIBIT_KEYS, "an inhibit rule");
            for (String required : List.of("source_matchers", "target_matchers", "duration")) {
                if (!keys.containsKey(required)) {
                    throw new RoutingFileException(source, line(item), "an inhibit rule needs '" + required + "'");
                }
            }
            List<Matcher> sourceMatchers = new ArrayList<>();
            for (Node m : sequence(keys.get("source_matchers").getValueNode(), "source_matchers")) {
                sourceMatchers.add(matcher(m));
            }
            List<Matcher> targetMatchers = new ArrayList<>();
            for (Node m : sequence(keys.get("target_matchers").getValueNode(), "target_matchers")) {
                targetMatchers.add(matcher(m));
            }
            List<String> equal = List.of();
            if (keys.containsKey("equal")) {
                Node value = keys.get("equal").getValueNode();
                equal = strings(value, "equal");
                for (String label : equal) {
                    if (!AlertLabels.NAMES.contains(label)) {
                        throw new RoutingFileException(source, line(value), "equal names unknown label '" + label
                                + "'");
                    }
                }
            }
            rules.add(new InhibitRule(sourceMatchers, targetMatchers, equal,
                    duration(keys, "duration", Duration.ZERO), line(item)));
        }
        return rules;
    }

    private Map<String, NodeTuple> mapping(Node node, Set<String> allowed, String what) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode(node, what).getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw new RoutingFileException(source, line(tuple.getKeyNode()), "unknown key '" + key + "' in "
                        + what + "; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
            if (keys.put(key, tuple) != null) {
                throw new RoutingFileException(source, line(tuple.getKeyNode()), "key '" + key + "' appears twice");
            }
        }
        return keys;
    }

    private MappingNode mappingNode(Node node, String what) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw new RoutingFileException(source, line(node), what + " must be a mapping (key: value)");
    }

    private List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        throw new RoutingFileException(source, line(node), what + " must be a list");
    }

    private List<String> strings(Node node, String what) {
        List<String> values = new ArrayList<>();
        for (Node item : sequence(node, what)) {
            values.add(scalar(item, "an item of " + what));
        }
        return values;
    }

    private String scalar(Node node, String what) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new RoutingFileException(source, line(node), what + " must be a single value");
    }

    private boolean bool(Node node, String what) {
        String value = scalar(node, what);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new RoutingFileException(source, line(node), what + " must be true or false, was '"
                    + value + "'");
        };
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** What a route inherits from its parent. */
    private record Defaults(List<String> receivers, List<String> groupBy, Duration groupWait,
            Duration groupInterval, Duration repeatInterval, List<String> muteTimeIntervals,
            List<String> activeTimeIntervals) {
    }
}
