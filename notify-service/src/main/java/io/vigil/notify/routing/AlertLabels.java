package io.vigil.notify.routing;

import io.vigil.contract.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The labels routes, silences and inhibition rules match on: {@code severity} (lower case), {@code account},
 * {@code region}, {@code rule}, {@code dialect}, {@code fingerprint} (one value each) and {@code tag},
 * {@code control} (any number of values). A missing label has no values and matches like the empty string.
 *
 * @param values label name to values, never null
 */
public record AlertLabels(Map<String, List<String>> values) {

    /** Every label name an alert has. */
    public static final Set<String> NAMES = Set.of("severity", "account", "region", "rule", "dialect", "fingerprint",
            "tag", "control");

    public AlertLabels {
        Map<String, List<String>> copy = new TreeMap<>();
        values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        values = Map.copyOf(copy);
    }

    /** @return the labels of an alert */
    public static AlertLabels of(Alert alert) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("severity", List.of(alert.severity().name().toLowerCase(Locale.ROOT)));
        put(values, "account", alert.accountId());
        put(values, "region", alert.region());
        put(values, "rule", alert.ruleId());
        put(values, "dialect", alert.dialect());
        put(values, "fingerprint", alert.fingerprint());
        values.put("tag", alert.tags());
        values.put("control", alert.controls());
        return new AlertLabels(values);
    }

    /**
     * Labels given as {@code name=value} pairs (a name may repeat for {@code tag} and {@code control}).
     *
     * @throws IllegalArgumentException naming an unknown label
     */
    public static AlertLabels parse(List<String> pairs) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + pair + "' is not name=value");
            }
            String name = pair.substring(0, eq).trim();
            requireKnown(name);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(pair.substring(eq + 1).trim());
        }
        return new AlertLabels(values);
    }

    /** @throws IllegalArgumentException when {@code name} is not one of {@link #NAMES} */
    public static void requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown label '" + name + "'; labels are "
                    + String.join(", ", new java.util.TreeSet<>(NAMES)));
        }
    }

    /** @return the values of a label, empty when it is missing */
    public List<String> get(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** @return the values of a label joined by commas, "" when missing; used in group keys and explanations */
    public String joined(String name) {
        return String.join(",", get(name));
    }

    private static void put(Map<String, List<String>> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, List.of(value));
        }
    }
}
