package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A resource an event is about (OCSF {@code resources[]}).
 *
 * @param arn the resource ARN; nullable when the source names the resource only by id
 * @param type the AWS resource type, e.g. {@code AWS::CloudTrail::Trail}; nullable
 * @param name the resource name or id; nullable
 */
public record ResourceRef(
        @JsonProperty("arn") String arn,
        @JsonProperty("type") String type,
        @JsonProperty("name") String name) {
}
