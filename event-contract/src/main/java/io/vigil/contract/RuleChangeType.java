package io.vigil.contract;

/** What happened to a rule definition. */
public enum RuleChangeType {
    CREATED, UPDATED, DELETED
}
