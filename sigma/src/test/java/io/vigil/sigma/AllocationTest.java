package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluation is meant for the hot path: rules of plain, prefix, suffix and contains values on string fields allocate
 * nothing per record. Counts the bytes this thread allocates (HotSpot's exact per-thread counter), not time.
 */
class AllocationTest {

    @Test
    void evaluatingStringValueRulesAllocatesNothing() {
        // Given: the corpus rules that test only string fields with plain, contains, startswith and endswith values
        List<SigmaRule> rules = SigmaHqCorpusTest.corpusRules().entrySet().stream()
                .filter(rule -> !rule.getKey().contains("imds") && !rule.getKey().contains("bucket_versioning")
                        && !rule.getKey().contains("templated") && !rule.getKey().contains("vm_export")
                        && !rule.getKey().contains("update_login_profile"))
                .map(java.util.Map.Entry::getValue).toList();
        List<JsonNode> records = SigmaHqCorpusTest.examples().stream().map(SigmaHqCorpusTest.Example::record).toList();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int matches = 0;
        for (int round = 0; round < 5; round++) {
            matches += evaluate(rules, records);
        }
        int rounds = 20;
        long evaluations = (long) rounds * rules.size() * records.size();

        // When
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < rounds; round++) {
            matches += evaluate(rules, records);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // Then: less than one byte per evaluation on average, i.e. nothing per record (one-time JVM work, such as a
        // lazily built switch table, may show up as a few hundred bytes in total; one object per evaluation would be
        // at least 16 bytes each)
        assertThat(rules).hasSizeGreaterThan(45);
        assertThat(matches).isGreaterThan(0);
        assertThat(allocated).isLessThan(evaluations);
    }

    private static int evaluate(List<SigmaRule> rules, List<JsonNode> records) {
        int matches = 0;
        for (int r = 0; r < records.size(); r++) {
            JsonNode record = records.get(r);
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).matches(record)) {
                    matches++;
                }
            }
        }
        return matches;
    }
}
