package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to a rule definition, for the audit trail, on {@link Topics#RULE_CHANGES} keyed by {@link #ruleId()}.
 *
 * @param schemaVersion version of this record's shape; {@link #SCHEMA_VERSION} when produced by this code
 * @param id stable id of this change
 * @param producedAt when it was produced
 * @param ruleId the rule changed
 * @param changeType created, updated or deleted
 * @param version the rule's version after the change (the deleted version for a deletion)
 * @param changedBy who made the change: a user name, or {@code pack:<name>} / {@code directory:<path>} for rules
 *        loaded at start-up
 * @param changedAt when the change was made
 * @param before the definition before the change; nullable for a creation
 * @param after the definition after the change; nullable for a deletion
 */
public record RuleChange(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("producedAt") Instant producedAt,
        @JsonProperty("ruleId") String ruleId,
        @JsonProperty("changeType") RuleChangeType changeType,
        @JsonProperty("version") long version,
        @JsonProperty("changedBy") String changedBy,
        @JsonProperty("changedAt") Instant changedAt,
        @JsonProperty("before") JsonNode before,
        @JsonProperty("after") JsonNode after) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public RuleChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(changeType, "changeType");
    }
}
