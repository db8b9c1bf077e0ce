package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One notification attempt of one alert to one receiver, on {@link Topics#DELIVERIES} keyed by {@link #alertId()}.
 *
 * @param schemaVersion version of this record's shape; {@link #SCHEMA_VERSION} when produced by this code
 * @param id stable id of this attempt (alert, receiver and attempt number)
 * @param producedAt when it was produced
 * @param alertId the alert notified about
 * @param fingerprint the alert's fingerprint
 * @param ruleId the rule that raised the alert
 * @param receiver the configured receiver name, e.g. {@code security-email}
 * @param receiverKind the receiver kind: {@code email}, {@code sns}, {@code slack}, {@code teams},
 *        {@code pagerduty}, {@code webhook}
 * @param attempt the attempt number, from 1
 * @param outcome what happened
 * @param attemptedAt when the attempt started
 * @param durationMillis how long the attempt took, in milliseconds
 * @param providerMessageId the id the receiver gave the notification (SNS message id, SMTP message id); nullable
 * @param error why the attempt failed, naming the receiver and limit involved; nullable when delivered
 * @param responseCode the HTTP status the receiver answered (webhook, Slack, Teams, PagerDuty); nullable
 * @param notificationId the notification this attempt delivered (one notification may carry several grouped
 *        alerts; it is also the idempotency key sent to the receiver); nullable
 */
public record Delivery(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("producedAt") Instant producedAt,
        @JsonProperty("alertId") String alertId,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("ruleId") String ruleId,
        @JsonProperty("receiver") String receiver,
        @JsonProperty("receiverKind") String receiverKind,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("outcome") DeliveryOutcome outcome,
        @JsonProperty("attemptedAt") Instant attemptedAt,
        @JsonProperty("durationMillis") long durationMillis,
        @JsonProperty("providerMessageId") String providerMessageId,
        @JsonProperty("error") String error,
        @JsonProperty("responseCode") Integer responseCode,
        @JsonProperty("notificationId") String notificationId) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A delivery without response code or notification id, as written before those fields existed. */
    public Delivery(int schemaVersion, String id, Instant producedAt, String alertId, String fingerprint,
            String ruleId, String receiver, String receiverKind, int attempt, DeliveryOutcome outcome,
            Instant attemptedAt, long durationMillis, String providerMessageId, String error) {
        this(schemaVersion, id, producedAt, alertId, fingerprint, ruleId, receiver, receiverKind, attempt, outcome,
                attemptedAt, durationMillis, providerMessageId, error, null, null);
    }
}
