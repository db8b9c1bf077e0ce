package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who performed an action (OCSF {@code actor}), taken from CloudTrail's {@code userIdentity} or a finding.
 *
 * @param type identity type as AWS names it: {@code Root}, {@code IAMUser}, {@code AssumedRole},
 *        {@code FederatedUser}, {@code AWSService}, {@code IdentityCenterUser}, or {@code Unknown}
 * @param arn the principal's ARN; nullable (service principals and failed sign-ins may have none)
 * @param userName the user or role-session name; nullable
 * @param accountId the account the principal belongs to; nullable
 * @param mfaAuthenticated whether the session was MFA-authenticated; nullable when the source does not say
 * @param sessionIssuerArn for assumed roles and federated users, the ARN of the issuing role or user; nullable
 * @param invokedBy the AWS service that made the call on the principal's behalf; nullable
 */
public record Actor(
        @JsonProperty("type") String type,
        @JsonProperty("arn") String arn,
        @JsonProperty("userName") String userName,
        @JsonProperty("accountId") String accountId,
        @JsonProperty("mfaAuthenticated") Boolean mfaAuthenticated,
        @JsonProperty("sessionIssuerArn") String sessionIssuerArn,
        @JsonProperty("invokedBy") String invokedBy) {
}
