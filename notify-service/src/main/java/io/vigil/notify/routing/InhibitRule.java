package io.vigil.notify.routing;

import java.time.Duration;
import java.util.List;

/**
 * Mutes alerts matching {@code targetMatchers} while an alert matching {@code sourceMatchers}, with the same values
 * of the {@code equal} labels, was received within {@code duration}; e.g. a critical GuardDuty finding for an
 * account mutes low-severity alerts from that account for an hour.
 *
 * @param sourceMatchers what the inhibiting alert matches
 * @param targetMatchers what the inhibited alert matches
 * @param equal labels whose values must be the same in both alerts
 * @param duration how long after the source alert the rule applies
 * @param line the line of the rule in the routing file
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal,
        Duration duration, int line) {

    /** @return whether an alert is a possible target of this rule */
    public boolean targets(AlertLabels labels) {
        return targetMatchers.stream().allMatch(m -> m.matches(labels));
    }

    /** @return whether {@code source} inhibits {@code target} under this rule (time aside) */
    public boolean inhibits(AlertLabels source, AlertLabels target) {
        return sourceMatchers.stream().allMatch(m -> m.matches(source))
                && equal.stream().allMatch(label -> source.get(label).equals(target.get(label)));
    }

    /** @return a short description for ledger entries */
    public String describe() {
        return "inhibit rule at line " + line + " (source " + sourceMatchers + ", equal " + equal + ")";
    }
}
