package io.vigil.bench.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.NormalizedEvent;
import io.vigil.rules.model.Rule;
import io.vigil.rules.model.RulePack;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.testing.TestInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's event mix, built from the built-in packs' embedded test events (CloudTrail records and envelopes,
 * Config items, findings): each CloudTrail test event also appears as four read-only calls that no rule should care
 * about, so about three in four events are benign, as in a real trail. Deterministic.
 */
final class RuleEvents {

    /** Read-only calls that make up most of a real trail. */
    private static final List<String[]> BENIGN = List.of(
            new String[]{"ec2.amazonaws.com", "DescribeInstances"},
            new String[]{"s3.amazonaws.com", "GetObject"},
            new String[]{"iam.amazonaws.com", "ListRoles"},
            new String[]{"sts.amazonaws.com", "GetCallerIdentity"});

    private RuleEvents() {
    }

    /** @return exactly {@code size} events, cycling through the mix */
    static List<NormalizedEvent> mix(List<RulePack> packs, int size) {
        List<NormalizedEvent> distinct = new ArrayList<>();
        for (RulePack pack : packs) {
            for (Rule rule : pack.rules()) {
                for (RuleTest test : rule.tests()) {
                    distinct.add(TestInputs.normalize(test));
                    if (test.input() == TestInput.CLOUDTRAIL) {
                        for (String[] call : BENIGN) {
                            ObjectNode record = test.document().deepCopy();
                            record.put("eventSource", call[0]).put("eventName", call[1]).put("readOnly", true);
                            record.remove("errorCode");
                            record.remove("errorMessage");
                            distinct.add(TestInputs.normalize(new RuleTest(test.name() + " benign " + call[1],
                                    TestInput.CLOUDTRAIL, record, false, null)));
                        }
                    }
                }
            }
        }
        List<NormalizedEvent> mix = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            mix.add(distinct.get(i % distinct.size()));
        }
        return mix;
    }
}
