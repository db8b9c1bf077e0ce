package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a rule's detection to event-ruler patterns that are a necessary condition of it (see
 * {@link EventRulerPrefilter}). The detection is brought to a disjunction of conjunctions of per-field tests; each
 * conjunction becomes one pattern. Whatever event-ruler cannot express exactly is left out of the conjunction (which
 * keeps the patterns necessary) and clears the sufficient flag:
 * <ul>
 * <li>regular expressions become a wildcard on the literal every match contains, plus {@code {"exists": false}}
 * for object-valued fields (see {@link #regexAlternatives}), or nothing when no literal is known or the regex ignores
 * case;</li>
 * <li>negations, CIDR, numeric comparisons, field references, keywords, {@code contains} and
 * general wildcards ({@code contains} may also match an object's JSON text, which event-ruler never sees as a
 * value);</li>
 * <li>values that could equal the text of a number, boolean or object (event-ruler tells types apart; this library
 * compares the JSON spelling), except {@code true}/{@code false}, which get both forms;</li>
 * <li>non-ASCII values, whose case folding may differ between Java and event-ruler;</li>

 * <li>a second test on a field whose top-level key another test of the conjunction uses, because event-ruler's
 * array-consistent matching may refuse to combine values from different elements of an array;</li>
 * <li>{@code null} and {@code exists: false} are kept as {@code [null, {"exists": false}]} / {@code {"exists": false}}
 * (necessary) but are not exact for object-valued fields.</li>
 * </ul>
 */
final class PrefilterCompiler {

    /** Conjunctions beyond this make the prefilter not worth it; the rule is then evaluated on every record. */
    static final int MAX_PATTERNS = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A disjunction of conjunctions (field path to the alternatives event-ruler may match there). */
    private record Dnf(List<Map<String, List<JsonNode>>> terms, boolean exact) {

        static Dnf unconstrained() {
            return new Dnf(List.of(Map.of()), false);
        }

        boolean isUnconstrained() {
            return terms.stream().anyMatch(Map::isEmpty);
        }
    }

    private record Alternatives(List<JsonNode> nodes, boolean exact) {
    }

    private PrefilterCompiler() {
    }

    static EventRulerPrefilter compile(RecordTest detection) {
        Dnf dnf = dnf(detection);
        if (dnf.isUnconstrained() || dnf.terms().size() > MAX_PATTERNS) {
            return EventRulerPrefilter.none();
        }
        List<ObjectNode> patterns = new ArrayList<>();
        for (Map<String, List<JsonNode>> term : dnf.terms()) {
            patterns.add(render(term));
        }
        return EventRulerPrefilter.of(patterns, dnf.exact());
    }

    private static Dnf dnf(RecordTest test) {
        return switch (test) {
            case RecordTest.FieldMatch match -> fieldMatch(match);
            case RecordTest.FieldNull isNull ->
                single(isNull.path(), List.of(NODES.nullNode(), NODES.objectNode().put("exists", false)), false);
            case RecordTest.FieldExists exists -> exists.expected()
                    ? Dnf.unconstrained()
                    : single(exists.path(), List.of(NODES.objectNode().put("exists", false)), false);
            case RecordTest.AnyOf any -> union(any.parts());
            case RecordTest.AllOf all -> product(all.parts());
            default -> Dnf.unconstrained();
        };
    }

    private static Dnf single(FieldPath path, List<JsonNode> alternatives, boolean exact) {
        Map<String, List<JsonNode>> term = new LinkedHashMap<>();
        term.put(path.name(), alternatives);
        return new Dnf(List.of(term), exact);
    }

    private static Dnf fieldMatch(RecordTest.FieldMatch match) {
        List<JsonNode> nodes = new ArrayList<>();
        boolean exact = true;
        for (ValueTest test : match.tests()) {
            Alternatives alternatives = switch (test) {
                case ValueTest.Text text -> alternatives(text.pattern());
                case ValueTest.Regex regex -> regexAlternatives(regex);
                default -> null;
            };
            if (alternatives == null) {
                return Dnf.unconstrained();
            }
            nodes.addAll(alternatives.nodes());
            exact &= alternatives.exact();
        }
        return single(match.path(), dedupe(nodes), exact);
    }

    private static Alternatives alternatives(TextPattern pattern) {
        String literal = pattern.literal();
        if (literal == null || literal.isEmpty() || !isAscii(literal) || numericLooking(literal)) {
            return null;
        }
        boolean cased = pattern.cased();
        switch (pattern.shape()) {
            case EXACT -> {
                if (literal.startsWith("{") || literal.startsWith("[")) {
                    return null;
                }
                List<JsonNode> nodes = new ArrayList<>();
                nodes.add(cased ? TextNode.valueOf(literal) : ignoreCase(literal));
                for (String bool : List.of("true", "false")) {
                    if (cased ? literal.equals(bool) : literal.equalsIgnoreCase(bool)) {
                        nodes.add(BooleanNode.valueOf(Boolean.parseBoolean(bool)));
                    }
                }
                return new Alternatives(nodes, true);
            }
            case PREFIX -> {
                if (literal.startsWith("{") || literal.startsWith("[") || startsBoolean(literal)) {
                    return null;
                }
                return new Alternatives(List
                        .of(NODES.objectNode().set("prefix", cased ? TextNode.valueOf(literal) : ignoreCase(literal))),
                        true);
            }
            case SUFFIX -> {
                if (literal.endsWith("}") || literal.endsWith("]") || endsBoolean(literal)) {
                    return null;
                }
                return new Alternatives(List
                        .of(NODES.objectNode().set("suffix", cased ? TextNode.valueOf(literal) : ignoreCase(literal))),
                        true);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A case-sensitive regex with a literal every match contains ({@link RegexLiteral}), e.g.
     * {@code .+:assumed-role/aws:.+}: a string value must contain it, {@code {"wildcard": "*:assumed-role/aws:*"}}.
     * An object-valued field is matched through its JSON text, which event-ruler never sees; such a field is not a
     * leaf, so {@code {"exists": false}} (which also admits an absent field) keeps the pattern necessary. A literal
     * that could be part of a number's, boolean's or null's spelling gives up: event-ruler's wildcard sees strings
     * only. Never exact. One shape stays out of reach: an array holding both a string that lacks the literal and an
     * object whose JSON text has it (the key is then a leaf, so {@code exists: false} fails); event-ruler cannot test
     * the object's nested keys without knowing their names. CloudTrail never writes such mixed arrays.
     */
    private static Alternatives regexAlternatives(ValueTest.Regex regex) {
        if (regex.mustContain() == null) {
            return null;
        }
        String literal = regex.mustContain().literal();
        if (literal == null || literal.isEmpty() || !isAscii(literal) || numericLooking(literal)
                || "true".contains(literal) || "false".contains(literal) || "null".contains(literal)) {
            return null;
        }
        String wildcard = "*" + literal.replace("\\", "\\\\").replace("*", "\\*") + "*";
        return new Alternatives(List.of(NODES.objectNode().put("wildcard", wildcard),
                NODES.objectNode().put("exists", false)), false);
    }

    private static ObjectNode ignoreCase(String literal) {
        return NODES.objectNode().put("equals-ignore-case", literal);
    }

    private static Dnf union(List<RecordTest> parts) {
        List<Map<String, List<JsonNode>>> terms = new ArrayList<>();
        boolean exact = true;
        for (RecordTest part : parts) {
            Dnf dnf = dnf(part);
            if (dnf.isUnconstrained()) {
                return Dnf.unconstrained();
            }
            terms.addAll(dnf.terms());
            exact &= dnf.exact();
        }
        return new Dnf(mergeSameField(terms), exact);
    }

    /** {@code a: x} or {@code a: y} is one pattern {@code a: [x, y]}. */
    private static List<Map<String, List<JsonNode>>> mergeSameField(List<Map<String, List<JsonNode>>> terms) {
        String field = null;
        for (Map<String, List<JsonNode>> term : terms) {
            if (term.size() != 1 || field != null && !term.containsKey(field)) {
                return dedupeTerms(terms);
            }
            field = term.keySet().iterator().next();
        }
        List<JsonNode> merged = new ArrayList<>();
        terms.forEach(term -> merged.addAll(term.values().iterator().next()));
        Map<String, List<JsonNode>> term = new LinkedHashMap<>();
        term.put(field, dedupe(merged));
        return List.of(term);
    }

    private static Dnf product(List<RecordTest> parts) {
        List<Map<String, List<JsonNode>>> terms = List.of(Map.of());
        boolean exact = true;
        for (RecordTest part : parts) {
            Dnf dnf = dnf(part);
            exact &= dnf.exact();
            if (dnf.isUnconstrained()) {
                continue;
            }
            if ((long) terms.size() * dnf.terms().size() > MAX_PATTERNS) {
                return Dnf.unconstrained();
            }
            List<Map<String, List<JsonNode>>> next = new ArrayList<>();
            for (Map<String, List<JsonNode>> left : terms) {
                for (Map<String, List<JsonNode>> right : dnf.terms()) {
                    Map<String, List<JsonNode>> combined = new LinkedHashMap<>(left);
                    for (Map.Entry<String, List<JsonNode>> entry : right.entrySet()) {
                        if (sharesTopLevelKey(combined.keySet(), entry.getKey())) {
                            exact = false;
                        } else {
                            combined.put(entry.getKey(), entry.getValue());
                        }
                    }
                    next.add(combined);
                }
            }
            terms = dedupeTerms(next);
        }
        return new Dnf(terms, exact && !terms.getFirst().isEmpty());
    }

    private static boolean sharesTopLevelKey(Set<String> paths, String path) {
        String top = topLevelKey(path);
        return paths.stream().anyMatch(existing -> topLevelKey(existing).equals(top));
    }

    private static String topLevelKey(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static ObjectNode render(Map<String, List<JsonNode>> term) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, List<JsonNode>> entry : term.entrySet()) {
            String[] segments = entry.getKey().split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < segments.length - 1; i++) {
                node = node.has(segments[i]) ? (ObjectNode) node.get(segments[i]) : node.putObject(segments[i]);
            }
            node.putArray(segments[segments.length - 1]).addAll(entry.getValue());
        }
        return root;
    }

    private static List<JsonNode> dedupe(List<JsonNode> nodes) {
        return List.copyOf(new LinkedHashSet<>(nodes));
    }

    private static List<Map<String, List<JsonNode>>> dedupeTerms(List<Map<String, List<JsonNode>>> terms) {
        return List.copyOf(new LinkedHashSet<>(terms));
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }

    /** Could be (part of) the JSON spelling of a number. */
    private static boolean numericLooking(String text) {
        return text.chars()
                .allMatch(c -> c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E');
    }

    private static boolean startsBoolean(String text) {
        return "true".regionMatches(true, 0, text, 0, Math.min(4, text.length())) && text.length() <= 4
                || "false".regionMatches(true, 0, text, 0, Math.min(5, text.length())) && text.length() <= 5;
    }

    private static boolean endsBoolean(String text) {
        return text.length() <= 4 && "true".regionMatches(true, 4 - text.length(), text, 0, text.length())
                || text.length() <= 5 && "false".regionMatches(true, 5 - text.length(), text, 0, text.length());
    }
}
