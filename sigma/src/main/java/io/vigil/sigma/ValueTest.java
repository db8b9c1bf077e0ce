package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** A test of one JSON value reached by a field path (never an array: paths look through arrays). */
sealed interface ValueTest {

    boolean matches(JsonNode value);

    /**
     * A Sigma string value (plain, {@code contains}, {@code startswith}, {@code endswith}, encoded). An object is
     * tested through its compact JSON text; an unanchored pattern ({@code contains}) also looks at every string nested
     * in the object, because CloudTrail embeds JSON documents such as IAM policies as strings, whose quotes are escaped
     * in the object's JSON text.
     */
    record Text(TextPattern pattern) implements ValueTest, FieldPath.ValueVisitor {
        @Override
        public boolean matches(JsonNode value) {
            String text = RecordText.of(value);
            if (text == null) {
                return false;
            }
            if (pattern.matches(text)) {
                return true;
            }
            return value.isObject() && pattern.unanchored() && RecordText.anyNestedScalar(value, this);
        }

        @Override
        public boolean visit(JsonNode nested) {
            return pattern.matches(RecordText.of(nested));
        }
    }

    /**
     * {@code |re}: a Java regular expression, found anywhere in the text (anchor it with ^ and $ to match all). A
     * literal every match must contain, if one is known, is looked for first, without the regex engine.
     */
    record Regex(Pattern regex, TextPattern mustContain) implements ValueTest {

        static Regex of(Pattern regex) {
            String literal = RegexLiteral.required(regex.pattern());
            boolean ignoreCase = (regex.flags() & Pattern.CASE_INSENSITIVE) != 0;
            // With 'i' Java folds Unicode case (a dotless ı matches i), which a plain text check would not mirror.
            if (literal == null || ignoreCase) {
                return new Regex(regex, null);
            }
            return new Regex(regex, TextPattern.literal(literal, true, true, true));
        }

        @Override
        public boolean matches(JsonNode value) {
            String text = RecordText.of(value);
            return text != null && (mustContain == null || mustContain.matches(text)) && regex.matcher(text).find();
        }
    }

    /** {@code |cidr}: the value is an IPv4 or IPv6 address literal inside one of the ranges. */
    record Cidr(List<IpRange> ranges) implements ValueTest {
        @Override
        public boolean matches(JsonNode value) {
            if (!value.isTextual()) {
                return false;
            }
            byte[] address = IpRange.parseAddress(value.textValue());
            if (address == null) {
                return false;
            }
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code |gt}, {@code |gte}, {@code |lt}, {@code |lte}: a JSON number, or a string holding a decimal number,
     * compared as doubles.
     */
    record Numeric(Comparison comparison, double bound) implements ValueTest {

        enum Comparison {
            GT, GTE, LT, LTE
        }

        @Override
        public boolean matches(JsonNode value) {
            double number;
            if (value.isNumber()) {
                number = value.doubleValue();
            } else if (value.isTextual() && looksDecimal(value.textValue())) {
                number = Double.parseDouble(value.textValue().trim());
            } else {
                return false;
            }
            int order = Double.compare(number, bound);
            return switch (comparison) {
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
            };
        }

        /** Cheap check so that non-numbers never cost an exception. */
        static boolean looksDecimal(String text) {
            String trimmed = text.trim();
            if (trimmed.isEmpty()) {
                return false;
            }
            int i = trimmed.charAt(0) == '-' || trimmed.charAt(0) == '+' ? 1 : 0;
            boolean digits = false;
            boolean dot = false;
            for (; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits = true;
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    return false;
                }
            }
            return digits;
        }
    }
}
