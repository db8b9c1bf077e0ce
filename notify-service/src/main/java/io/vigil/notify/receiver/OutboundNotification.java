package io.vigil.notify.receiver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.contract.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One notification to one receiver: the alerts of a group (one or more), why it is sent, and its id, which is also
 * the idempotency key receivers are given, the same for every attempt.
 *
 * @param id stable id of this notification
 * @param action why it is sent
 * @param receiver the receiver's name
 * @param groupKey the group the alerts belong to
 * @param groupLabels the labels the group is keyed by, with their values
 * @param alerts the alerts, at least one
 * @param note extra context for acknowledge, resolve and escalation notifications; nullable
 */
@TemplateData
@RegisterForReflection
public record OutboundNotification(
        @JsonProperty("id") String id,
        @JsonProperty("action") NotificationAction action,
        @JsonProperty("receiver") String receiver,
        @JsonProperty("groupKey") String groupKey,
        @JsonProperty("groupLabels") Map<String, String> groupLabels,
        @JsonProperty("alerts") List<Notification> alerts,
        @JsonProperty("note") String note) {

    public OutboundNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        alerts = List.copyOf(alerts);
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("notification " + id + " has no alerts");
        }
    }

    /** @return the most severe alert, the first among equals */
    @JsonIgnore
    public Notification lead() {
        return alerts.stream().max(Comparator.comparing(Notification::severity)).orElseThrow();
    }

    /** @return the severity of the most severe alert */
    @JsonIgnore
    public Severity severity() {
        return lead().severity();
    }

    /** @return how many alerts besides the lead */
    @JsonIgnore
    public int moreCount() {
        return alerts.size() - 1;
    }

    /**
     * @return the default title: {@code [Vigil HIGH] CloudWatch.5 — title (+2 more)}, with the action when not
     *         firing
     */
    @JsonIgnore
    public String headline() {
        String action = switch (this.action) {
            case FIRING -> "";
            case REPEAT -> "REPEAT ";
            case ESCALATION -> "ESCALATION ";
            case ACKNOWLEDGE -> "ACKNOWLEDGED ";
            case RESOLVE -> "RESOLVED ";
        };
        return "[Vigil " + action + severity() + "] " + lead().ruleLine()
                + (moreCount() > 0 ? " (+" + moreCount() + " more)" : "");
    }

    /** The group label that carries each redactable alert field ({@code group_by} may name it). */
    static final Map<String, String> LABEL_OF_FIELD = Map.of("accountId", "account", "region", "region");

    /**
     * @return a copy whose alerts have the named fields redacted, and whose group labels too: {@code account} when
     *         {@code accountId} is redacted, {@code region} when {@code region} is
     */
    public OutboundNotification redacted(java.util.Set<String> fields) {
        if (fields.isEmpty()) {
            return this;
        }
        Map<String, String> labels = new java.util.LinkedHashMap<>(groupLabels);
        LABEL_OF_FIELD.forEach((field, label) -> {
            if (fields.contains(field)) {
                labels.computeIfPresent(label, (name, value) -> Notification.REDACTED);
            }
        });
        return new OutboundNotification(id, action, receiver, groupKey, labels,
                alerts.stream().map(alert -> alert.redacted(fields)).toList(), note);
    }
}
