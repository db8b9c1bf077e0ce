package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A Config-style rule's verdict on one resource, on {@link Topics#COMPLIANCE} keyed by {@link #resourceArn()}.
 *
 * @param schemaVersion version of this record's shape; {@link #SCHEMA_VERSION} when produced by this code
 * @param id stable id of this evaluation (rule, resource and configuration state)
 * @param producedAt when it was produced
 * @param ruleId the evaluating rule
 * @param resourceArn the evaluated resource's ARN
 * @param resourceType the AWS resource type, e.g. {@code AWS::EC2::Volume}
 * @param accountId the resource's account
 * @param region the resource's region; nullable for global resources
 * @param status the verdict
 * @param annotation why, in a sentence; nullable when compliant
 * @param evaluatedAt the configuration state's time that was evaluated
 * @param eventId id of the normalized event carrying the configuration item; nullable
 */
public record ComplianceEvaluation(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("producedAt") Instant producedAt,
        @JsonProperty("ruleId") String ruleId,
        @JsonProperty("resourceArn") String resourceArn,
        @JsonProperty("resourceType") String resourceType,
        @JsonProperty("accountId") String accountId,
        @JsonProperty("region") String region,
        @JsonProperty("status") ComplianceStatus status,
        @JsonProperty("annotation") String annotation,
        @JsonProperty("evaluatedAt") Instant evaluatedAt,
        @JsonProperty("eventId") String eventId) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public ComplianceEvaluation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(status, "status");
    }
}
