package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What was done (OCSF {@code api}).
 *
 * @param service the AWS service endpoint, e.g. {@code cloudtrail.amazonaws.com}
 * @param operation the API operation or event name, e.g. {@code StopLogging}
 * @param outcome whether it succeeded
 * @param errorCode the AWS error code of a failed call; nullable
 * @param errorMessage the AWS error message of a failed call; nullable
 * @param readOnly whether the call only reads; nullable when the source does not say
 */
public record Action(
        @JsonProperty("service") String service,
        @JsonProperty("operation") String operation,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("errorCode") String errorCode,
        @JsonProperty("errorMessage") String errorMessage,
        @JsonProperty("readOnly") Boolean readOnly) {
}
