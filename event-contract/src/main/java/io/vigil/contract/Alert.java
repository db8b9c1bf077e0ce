package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule's verdict that something needs attention, on {@link Topics#ALERTS} keyed by {@link #fingerprint()}.
 *
 * @param schemaVersion version of this record's shape; {@link #SCHEMA_VERSION} when produced by this code
 * @param id stable id of this alert (derived from the rule and the triggering events, so a re-evaluation of the same
 *        events yields the same id)
 * @param producedAt when the rules-service produced it
 * @param fingerprint identifies "the same alert" across repeats: the rule and its dedup/group key
 * @param ruleId id of the rule that fired
 * @param ruleTitle the rule's title
 * @param dialect the rule dialect, e.g. {@code cloudwatch-filter}, {@code eventbridge}, {@code sigma}
 * @param severity the rule's severity
 * @param controls compliance controls the rule evidences, e.g. {@code SecurityHub:CloudWatch.5}; may be empty
 * @param tags the rule's tags; may be empty
 * @param groupKey the value events are grouped by for thresholds and notification grouping
 * @param summary one line for humans: who did what to which resource, from where, in which account and region
 * @param accountId the account of the triggering events
 * @param region the region of the triggering events; nullable
 * @param windowStart start of the evaluation window (for a single-event rule, the event time)
 * @param windowEnd end of the evaluation window (for a single-event rule, the event time)
 * @param count how many events matched in the window
 * @param events the triggering events, at most a bounded number; see {@code eventsOmitted}
 * @param eventsOmitted how many matching events were left out of {@code events} to bound the message size
 * @param runbookUrl where responders find what to do; nullable
 */
public record Alert(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("producedAt") Instant producedAt,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("ruleId") String ruleId,
        @JsonProperty("ruleTitle") String ruleTitle,
        @JsonProperty("dialect") String dialect,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("controls") List<String> controls,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("groupKey") String groupKey,
        @JsonProperty("summary") String summary,
        @JsonProperty("accountId") String accountId,
        @JsonProperty("region") String region,
        @JsonProperty("windowStart") Instant windowStart,
        @JsonProperty("windowEnd") Instant windowEnd,
        @JsonProperty("count") long count,
        @JsonProperty("events") List<NormalizedEvent> events,
        @JsonProperty("eventsOmitted") long eventsOmitted,
        @JsonProperty("runbookUrl") String runbookUrl) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        controls = controls == null ? List.of() : List.copyOf(controls);
        tags = tags == null ? List.of() : List.copyOf(tags);
        events = events == null ? List.of() : List.copyOf(events);
    }
}
