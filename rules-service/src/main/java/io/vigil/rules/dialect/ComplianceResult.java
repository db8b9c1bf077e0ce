package io.vigil.rules.dialect;

import io.vigil.contract.ComplianceStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A Config-style verdict on one resource's configuration.
 *
 * @param status the verdict
 * @param annotation why, in one sentence; never null
 * @param resourceArn the resource's ARN (or, when Config gives none, {@code <type>/<id>})
 * @param resourceType the AWS resource type, e.g. {@code AWS::EC2::Volume}
 * @param configurationStateId Config's id of the evaluated configuration state; nullable
 * @param capturedAt when Config captured the evaluated configuration; nullable
 */
public record ComplianceResult(ComplianceStatus status, String annotation, String resourceArn, String resourceType,
        String configurationStateId, Instant capturedAt) {

    public ComplianceResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(annotation, "annotation");
        Objects.requireNonNull(resourceArn, "resourceArn");
    }
}
