package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles one {@code field|modifier|...: value(s)} entry of a selection into a {@link RecordTest}. */
final class FieldEntryCompiler {

    /** Modifiers that are Sigma but deliberately not implemented: Windows encodings and placeholders. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("wide", "utf16", "utf16le", "utf16be", "expand");
    private static final Set<Modifier> POSITIONAL = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH,
            Modifier.ENDSWITH);
    private static final Set<Modifier> KINDS = EnumSet.of(Modifier.RE, Modifier.CIDR, Modifier.EXISTS,
            Modifier.FIELDREF, Modifier.GT, Modifier.GTE, Modifier.LT, Modifier.LTE);
    private static final Set<Modifier> ENCODINGS = EnumSet.of(Modifier.BASE64, Modifier.BASE64OFFSET, Modifier.WINDASH);
    private static final Set<Modifier> REGEX_FLAGS = EnumSet.of(Modifier.I, Modifier.M, Modifier.S);
    private static final char[] WINDASH_CHARACTERS = {'-', '/', '\u2013', '\u2014', '\u2015'};

    private final RuleContext rule;

    FieldEntryCompiler(RuleContext rule) {
        this.rule = rule;
    }

    RecordTest compile(String key, JsonNode value, String location) {
        String[] parts = key.split("\\|", -1);
        String fieldName = parts[0];
        if (fieldName.isEmpty()) {
            throw rule.unsupported(location, "modifiers without a field name ('" + key + "')");
        }
        if (!FieldPath.isValidName(fieldName)) {
            throw rule.invalid(location, "field name '" + fieldName + "' is not a dotted path");
        }
        Set<Modifier> modifiers = modifiers(parts, location);
        FieldPath path = new FieldPath(fieldName);
        List<JsonNode> values = values(value, location);

        RecordTest test = compileValues(path, modifiers, values, location);
        return modifiers.contains(Modifier.NEQ) ? new RecordTest.Not(test) : test;
    }

    private Set<Modifier> modifiers(String[] parts, String location) {
        Set<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i];
            if (KNOWN_UNSUPPORTED.contains(name)) {
                throw rule.unsupported(location, "modifier '" + name + "'");
            }
            Modifier modifier = Modifier.fromYaml(name);
            if (modifier == null) {
                throw rule.unsupported(location, "unknown modifier '" + name + "'");
            }
            if (!modifiers.add(modifier)) {
                throw rule.invalid(location, "modifier '" + name + "' is given twice");
            }
        }
        checkCombination(modifiers, location);
        return modifiers;
    }

    private void checkCombination(Set<Modifier> modifiers, String location) {
        Set<Modifier> positional = intersection(modifiers, POSITIONAL);
        Set<Modifier> kinds = intersection(modifiers, KINDS);
        Set<Modifier> encodings = intersection(modifiers, ENCODINGS);
        if (positional.size() > 1) {
            throw conflict(positional, location);
        }
        if (kinds.size() > 1) {
            throw conflict(kinds, location);
        }
        if (modifiers.contains(Modifier.BASE64) && modifiers.contains(Modifier.BASE64OFFSET)) {
            throw conflict(EnumSet.of(Modifier.BASE64, Modifier.BASE64OFFSET), location);
        }
        if (!kinds.isEmpty() && !encodings.isEmpty()) {
            throw conflict(union(kinds, encodings), location);
        }
        if (!kinds.isEmpty() && !positional.isEmpty() && !kinds.contains(Modifier.FIELDREF)) {
            throw conflict(union(kinds, positional), location);
        }
        Set<Modifier> flags = intersection(modifiers, REGEX_FLAGS);
        if (!flags.isEmpty() && !modifiers.contains(Modifier.RE)) {
            throw rule.invalid(location, "regular expression flag(s) " + names(flags) + " need the 're' modifier");
        }
        if (modifiers.contains(Modifier.NEQ) && modifiers.contains(Modifier.ALL)) {
            throw conflict(EnumSet.of(Modifier.NEQ, Modifier.ALL), location);
        }
        if (modifiers.contains(Modifier.EXISTS) && modifiers.size() > 1) {
            throw rule.invalid(location, "'exists' cannot be combined with other modifiers");
        }
        if (modifiers.contains(Modifier.CASED) && (modifiers.contains(Modifier.RE) || modifiers.contains(Modifier.CIDR)
                || intersection(modifiers, EnumSet.of(Modifier.GT, Modifier.GTE, Modifier.LT, Modifier.LTE))
                        .size() > 0)) {
            throw rule.invalid(location, "'cased' has no meaning with " + names(kinds)
                    + " (regular expressions are case-sensitive unless 'i' is given)");
        }
    }

    private SigmaRuleException conflict(Set<Modifier> modifiers, String location) {
        return rule.invalid(location, "modifiers " + names(modifiers) + " cannot be combined");
    }

    private List<JsonNode> values(JsonNode value, String location) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            if (value.isEmpty()) {
                throw rule.invalid(location, "empty value list");
            }
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        for (JsonNode each : values) {
            if (each.isContainerNode()) {
                throw rule.invalid(location, "a field value must be a string, number, boolean or null, not "
                        + (each.isArray() ? "a list inside a list" : "a map"));
            }
        }
        return values;
    }

    private RecordTest compileValues(FieldPath path, Set<Modifier> modifiers, List<JsonNode> values, String location) {
        boolean hasNull = values.stream().anyMatch(JsonNode::isNull);
        if (hasNull && !modifiers.isEmpty() && !modifiers.equals(EnumSet.of(Modifier.NEQ))) {
            throw rule.invalid(location, "null cannot be combined with modifiers " + names(modifiers));
        }
        if (modifiers.contains(Modifier.EXISTS)) {
            return exists(path, values, location);
        }
        if (modifiers.contains(Modifier.FIELDREF)) {
            return fieldRef(path, modifiers, values, location);
        }
        boolean all = modifiers.contains(Modifier.ALL);
        if (all && hasNull) {
            throw rule.invalid(location, "null cannot be combined with modifiers " + names(modifiers));
        }
        List<List<ValueTest>> perValue = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isNull()) {
                perValue.add(valueTests(modifiers, value, location));
            }
        }
        if (all) {
            List<RecordTest> each = new ArrayList<>();
            for (List<ValueTest> tests : perValue) {
                each.add(new RecordTest.FieldMatch(path, tests));
            }
            return each.size() == 1 ? each.getFirst() : new RecordTest.AllOf(each);
        }
        List<ValueTest> anyTests = perValue.stream().flatMap(List::stream).toList();
        if (!hasNull) {
            return new RecordTest.FieldMatch(path, anyTests);
        }
        RecordTest nullTest = new RecordTest.FieldNull(path);
        return anyTests.isEmpty()
                ? nullTest
                : new RecordTest.AnyOf(List.of(new RecordTest.FieldMatch(path, anyTests), nullTest));
    }

    private RecordTest exists(FieldPath path, List<JsonNode> values, String location) {
        if (values.size() != 1) {
            throw rule.invalid(location, "'exists' takes a single true or false");
        }
        JsonNode value = values.getFirst();
        String text = value.isBoolean() || value.isTextual() ? value.asText() : "";
        if (!text.equals("true") && !text.equals("false")) {
            throw rule.invalid(location, "'exists' takes true or false, not '" + value.asText() + "'");
        }
        return new RecordTest.FieldExists(path, text.equals("true"));
    }

    private RecordTest fieldRef(FieldPath path, Set<Modifier> modifiers, List<JsonNode> values, String location) {
        List<FieldPath> references = new ArrayList<>();
        for (JsonNode value : values) {
            String name = value.isTextual() ? value.textValue() : "";
            if (!FieldPath.isValidName(name)) {
                throw rule.invalid(location, "'fieldref' takes field names, not '" + value.asText() + "'");
            }
            references.add(new FieldPath(name));
        }
        boolean leading = modifiers.contains(Modifier.CONTAINS) || modifiers.contains(Modifier.ENDSWITH);
        boolean trailing = modifiers.contains(Modifier.CONTAINS) || modifiers.contains(Modifier.STARTSWITH);
        boolean cased = modifiers.contains(Modifier.CASED);
        if (modifiers.contains(Modifier.ALL)) {
            List<RecordTest> each = new ArrayList<>();
            for (FieldPath reference : references) {
                each.add(new RecordTest.FieldRef(path, List.of(reference), leading, trailing, cased));
            }
            return new RecordTest.AllOf(each);
        }
        return new RecordTest.FieldRef(path, references, leading, trailing, cased);
    }

    private List<ValueTest> valueTests(Set<Modifier> modifiers, JsonNode value, String location) {
        if (modifiers.contains(Modifier.RE)) {
            return List.of(regex(modifiers, value, location));
        }
        if (modifiers.contains(Modifier.CIDR)) {
            IpRange range = value.isTextual() ? IpRange.parse(value.textValue().trim()) : null;
            if (range == null) {
                throw rule.invalid(location, "'" + value.asText() + "' is not an IPv4 or IPv6 CIDR range");
            }
            return List.of(new ValueTest.Cidr(List.of(range)));
        }
        ValueTest.Numeric.Comparison comparison = comparison(modifiers);
        if (comparison != null) {
            if (!(value.isNumber() || value.isTextual() && ValueTest.Numeric.looksDecimal(value.textValue()))) {
                throw rule.invalid(location, "'" + comparison.name().toLowerCase(java.util.Locale.ROOT)
                        + "' takes a number, not '" + value.asText() + "'");
            }
            return List.of(new ValueTest.Numeric(comparison,
                    value.isNumber() ? value.doubleValue() : Double.parseDouble(value.textValue().trim())));
        }
        return textTests(modifiers, scalarText(value), location);
    }

    private static ValueTest.Numeric.Comparison comparison(Set<Modifier> modifiers) {
        if (modifiers.contains(Modifier.GT)) {
            return ValueTest.Numeric.Comparison.GT;
        }
        if (modifiers.contains(Modifier.GTE)) {
            return ValueTest.Numeric.Comparison.GTE;
        }
        if (modifiers.contains(Modifier.LT)) {
            return ValueTest.Numeric.Comparison.LT;
        }
        if (modifiers.contains(Modifier.LTE)) {
            return ValueTest.Numeric.Comparison.LTE;
        }
        return null;
    }

    private ValueTest regex(Set<Modifier> modifiers, JsonNode value, String location) {
        if (!value.isTextual()) {
            throw rule.invalid(location, "'re' takes a regular expression string, not '" + value.asText() + "'");
        }
        int flags = (modifiers.contains(Modifier.I) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (modifiers.contains(Modifier.M) ? Pattern.MULTILINE : 0)
                | (modifiers.contains(Modifier.S) ? Pattern.DOTALL : 0);
        try {
            return ValueTest.Regex.of(Pattern.compile(value.textValue(), flags));
        } catch (PatternSyntaxException e) {
            throw rule.invalid(location, "invalid regular expression '" + value.textValue() + "': " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /** Plain values, positional modifiers and encodings: each becomes one or more text patterns (an OR). */
    private List<ValueTest> textTests(Set<Modifier> modifiers, String text, String location) {
        boolean leading = modifiers.contains(Modifier.CONTAINS) || modifiers.contains(Modifier.ENDSWITH);
        boolean trailing = modifiers.contains(Modifier.CONTAINS) || modifiers.contains(Modifier.STARTSWITH);
        boolean cased = modifiers.contains(Modifier.CASED);
        List<ValueTest> tests = new ArrayList<>();
        List<String> variants = modifiers.contains(Modifier.WINDASH) ? windash(text) : List.of(text);
        boolean encoded = modifiers.contains(Modifier.BASE64) || modifiers.contains(Modifier.BASE64OFFSET);
        if (encoded && hasWildcard(text)) {
            throw rule.invalid(location, "wildcards cannot be base64-encoded ('" + text + "')");
        }
        for (String variant : variants) {
            if (!encoded) {
                tests.add(new ValueTest.Text(TextPattern.sigma(variant, leading, trailing, cased)));
                continue;
            }
            // Base64 text is case-sensitive: folding case would change the encoded bytes.
            String plain = unescape(variant);
            for (String each : modifiers.contains(Modifier.BASE64) ? List.of(base64(plain)) : base64Offsets(plain)) {
                tests.add(new ValueTest.Text(TextPattern.literal(each, leading, trailing, true)));
            }
        }
        return tests;
    }

    /** The value with Sigma's escapes ({@code \*}, {@code \?}, {@code \\}) resolved, for encoding. */
    private static String unescape(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "*?\\".indexOf(text.charAt(i + 1)) >= 0) {
                c = text.charAt(++i);
            }
            plain.append(c);
        }
        return plain.toString();
    }

    private static String scalarText(JsonNode value) {
        return value.isBoolean() ? (value.booleanValue() ? "true" : "false") : value.asText();
    }

    private static boolean hasWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The three encodings of the text at byte offsets 0, 1 and 2 of a longer base64 string (as pySigma does). */
    static List<String> base64Offsets(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] starts = {0, 2, 3};
        int[] endTrims = {0, 3, 2};
        List<String> variants = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            for (int pad = 0; pad < offset; pad++) {
                shifted[pad] = ' ';
            }
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int end = encoded.length() - endTrims[(bytes.length + offset) % 3];
            variants.add(encoded.substring(starts[offset], end));
        }
        return variants;
    }

    /** The value with command-line flag dashes ({@code -x} or {@code /x} after a space or at the start) swapped. */
    static List<String> windash(String text) {
        List<String> variants = new ArrayList<>();
        for (char dash : WINDASH_CHARACTERS) {
            StringBuilder variant = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean flagPosition = i == 0 || Character.isWhitespace(text.charAt(i - 1));
                variant.append((c == '-' || c == '/') && flagPosition ? dash : c);
            }
            if (!variants.contains(variant.toString())) {
                variants.add(variant.toString());
            }
        }
        return variants;
    }

    private static Set<Modifier> intersection(Set<Modifier> a, Set<Modifier> b) {
        Set<Modifier> result = EnumSet.noneOf(Modifier.class);
        result.addAll(a);
        result.retainAll(b);
        return result;
    }

    private static Set<Modifier> union(Set<Modifier> a, Set<Modifier> b) {
        Set<Modifier> result = EnumSet.noneOf(Modifier.class);
        result.addAll(a);
        result.addAll(b);
        return result;
    }

    private static String names(Set<Modifier> modifiers) {
        return modifiers.stream().map(m -> "'" + m.yamlName() + "'").toList().toString();
    }
}
