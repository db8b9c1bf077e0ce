package io.vigil.notify.receiver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a receiver tells people about an alert: the rule, and who did what, where and when, taken from the alert and
 * its first triggering event. Receivers render it with their templates; SNS publishes it as JSON, so its JSON form is
 * a contract for subscribers: fields are only added within {@link #SCHEMA_VERSION}.
 *
 * @param schemaVersion version of the JSON shape, {@link #SCHEMA_VERSION}
 * @param alertId the alert's id
 * @param fingerprint the alert's fingerprint (the same for repeats of the same alert)
 * @param ruleId the rule that fired, e.g. {@code CloudWatch.5}
 * @param ruleTitle the rule's title; nullable
 * @param severity the alert's severity
 * @param summary one line for humans; nullable
 * @param controls compliance controls the rule evidences; may be empty
 * @param tags the rule's tags; may be empty
 * @param accountId the AWS account; nullable
 * @param region the AWS region; nullable
 * @param actorArn who acted (first event's actor ARN); nullable
 * @param eventName what was done (first event's operation, e.g. {@code StopLogging}); nullable
 * @param sourceIp from where (first event's source IP); nullable
 * @param eventTime when the first event happened, else the end of the alert window; nullable
 * @param count how many events matched
 * @param runbookUrl where responders find what to do; nullable
 */
@TemplateData
@RegisterForReflection
public record Notification(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("alertId") String alertId,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("ruleId") String ruleId,
        @JsonProperty("ruleTitle") String ruleTitle,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("summary") String summary,
        @JsonProperty("controls") List<String> controls,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("accountId") String accountId,
        @JsonProperty("region") String region,
        @JsonProperty("actorArn") String actorArn,
        @JsonProperty("eventName") String eventName,
        @JsonProperty("sourceIp") String sourceIp,
        @JsonProperty("eventTime") Instant eventTime,
        @JsonProperty("count") long count,
        @JsonProperty("runbookUrl") String runbookUrl) {

    /** The JSON shape version this code writes. */
    public static final int SCHEMA_VERSION = 1;
    /** The fields a receiver may redact. */
    public static final Set<String> REDACTABLE = Set.of("actorArn", "sourceIp", "accountId", "region", "eventName",
            "summary", "runbookUrl");
    /** What a redacted field reads. */
    public static final String REDACTED = "[redacted]";

    public Notification {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        controls = controls == null ? List.of() : List.copyOf(controls);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Builds the notification of an alert; facts missing from the alert stay null. */
    public static Notification of(Alert alert) {
        NormalizedEvent first = alert.events().isEmpty() ? null : alert.events().get(0);
        Actor actor = first == null ? null : first.actor();
        return new Notification(SCHEMA_VERSION, alert.id(), alert.fingerprint(), alert.ruleId(), alert.ruleTitle(),
                alert.severity(), alert.summary(), alert.controls(), alert.tags(),
                firstNonNull(alert.accountId(), first == null ? null : first.accountId()),
                firstNonNull(alert.region(), first == null ? null : first.region()),
                actor == null ? null : actor.arn(),
                first == null ? null : first.operation(),
                first == null ? null : first.sourceIp(),
                firstNonNull(first == null ? null : first.time(), alert.windowEnd()),
                alert.count(), alert.runbookUrl());
    }

    /** @return {@code "<ruleId> — <ruleTitle>"}, or the rule id alone when there is no title */
    @JsonIgnore
    public String ruleLine() {
        return ruleTitle == null || ruleTitle.isBlank() ? ruleId : ruleId + " — " + ruleTitle;
    }

    /** @return whether the runbook link is an http(s) URL, the only kind rendered as a link */
    @JsonIgnore
    public boolean hasWebRunbook() {
        return runbookUrl != null && (runbookUrl.startsWith("https://") || runbookUrl.startsWith("http://"));
    }

    /** @return a copy with the named fields (from {@link #REDACTABLE}) replaced by {@link #REDACTED} */
    public Notification redacted(Set<String> fields) {
        return new Notification(schemaVersion, alertId, fingerprint, ruleId, ruleTitle, severity,
                pick(fields, "summary", summary), controls, tags, pick(fields, "accountId", accountId),
                pick(fields, "region", region), pick(fields, "actorArn", actorArn),
                pick(fields, "eventName", eventName), pick(fields, "sourceIp", sourceIp), eventTime, count,
                pick(fields, "runbookUrl", runbookUrl));
    }

    private static String pick(Set<String> fields, String field, String value) {
        return fields.contains(field) && value != null ? REDACTED : value;
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }
}
