package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A compiled piece of a rule's detection, evaluated on a whole CloudTrail record. Immutable and thread-safe; the
 * evaluation allocates nothing except where noted (regular expressions, object text, numbers' text).
 */
sealed interface RecordTest {

    boolean test(JsonNode record);

    /** Every part holds (a selection map, {@code and}, {@code all of}, {@code |all}). */
    record AllOf(List<RecordTest> parts) implements RecordTest {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(JsonNode record) {
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).test(record)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some part holds (a list of maps, {@code or}, {@code 1 of}). */
    record AnyOf(List<RecordTest> parts) implements RecordTest {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(JsonNode record) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).test(record)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code not}, and {@code |neq}. */
    record Not(RecordTest inner) implements RecordTest {
        @Override
        public boolean test(JsonNode record) {
            return !inner.test(record);
        }
    }

    /** Some value reached by the path passes some of the tests (a value list is an OR). */
    record FieldMatch(FieldPath path, List<ValueTest> tests) implements RecordTest, FieldPath.ValueVisitor {
        public FieldMatch {
            tests = List.copyOf(tests);
        }

        @Override
        public boolean test(JsonNode record) {
            return path.anyValue(record, this);
        }

        @Override
        public boolean visit(JsonNode value) {
            for (int i = 0; i < tests.size(); i++) {
                if (tests.get(i).matches(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code field: null}: the path reaches no value other than JSON null (absent, null, or an empty array). */
    record FieldNull(FieldPath path) implements RecordTest, FieldPath.ValueVisitor {
        @Override
        public boolean test(JsonNode record) {
            return !path.anyValue(record, this);
        }

        @Override
        public boolean visit(JsonNode value) {
            return !value.isNull();
        }
    }

    /** {@code |exists}: whether the path reaches any value at all, JSON null included. */
    record FieldExists(FieldPath path, boolean expected) implements RecordTest, FieldPath.ValueVisitor {
        @Override
        public boolean test(JsonNode record) {
            return path.anyValue(record, this) == expected;
        }

        @Override
        public boolean visit(JsonNode value) {
            return true;
        }
    }

    /**
     * {@code |fieldref}: a value of the path compares with a value of another field of the same record: equal, or with
     * {@code contains}/{@code startswith}/{@code endswith} containing, starting or ending with it. Case-insensitive
     * unless {@code cased}. Builds a pattern per referenced value, so it allocates per evaluation.
     */
    record FieldRef(FieldPath path, List<FieldPath> references, boolean leadingStar, boolean trailingStar,
            boolean cased) implements RecordTest {
        public FieldRef {
            references = List.copyOf(references);
        }

        @Override
        public boolean test(JsonNode record) {
            for (FieldPath reference : references) {
                if (reference.anyValue(record, referenced -> matchesReferenced(record, referenced))) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesReferenced(JsonNode record, JsonNode referenced) {
            String expected = RecordText.of(referenced);
            if (expected == null) {
                return false;
            }
            ValueTest test = new ValueTest.Text(TextPattern.literal(expected, leadingStar, trailingStar, cased));
            return path.anyValue(record, test::matches);
        }
    }

    /**
     * A keyword (a detection that is a list of strings instead of a map): matches if any string, number or boolean
     * anywhere in the record passes the test, as a full-text search over the record would.
     */
    record Keyword(ValueTest test) implements RecordTest, FieldPath.ValueVisitor {
        @Override
        public boolean test(JsonNode record) {
            return RecordText.anyNestedScalar(record, this);
        }

        @Override
        public boolean visit(JsonNode value) {
            return test.matches(value);
        }
    }
}
