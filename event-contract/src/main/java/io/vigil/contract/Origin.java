package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a piece of input entered Vigil, precise enough to find it again.
 *
 * @param transport how it arrived: {@code sqs} or {@code s3}
 * @param location the SQS queue URL, or {@code s3://bucket/key} for a log file
 * @param messageId the SQS message id; nullable for input that did not come through SQS
 */
public record Origin(
        @JsonProperty("transport") String transport,
        @JsonProperty("location") String location,
        @JsonProperty("messageId") String messageId) {
}
