package io.vigil.rules.model;

import java.util.List;
import java.util.Objects;

/**
 * A named set of rules loaded from one file.
 *
 * @param name the pack's name, e.g. {@code cis-aws-foundations}
 * @param source where it was loaded from, e.g. {@code packs/cis-aws-foundations.yaml}; named in every load error
 * @param rules the rules, in file order
 */
public record RulePack(String name, String source, List<Rule> rules) {

    public RulePack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        rules = List.copyOf(rules);
    }
}
