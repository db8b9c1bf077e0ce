package io.vigil.rules.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Like the AWS managed rule {@code encrypted-volumes}: an attached EBS volume must be encrypted, with the given KMS
 * key when one is configured. An unattached volume is not applicable. Config records the volume's key as an ARN
 * ({@code arn:aws:kms:<region>:<account>:key/<id>}); the required key may be given as that ARN or as the bare key id.
 *
 * @param kmsKeyId the required KMS key id or ARN; null for any key
 */
record EncryptedVolumesCheck(String kmsKeyId) implements ResourceCheck {

    @Override
    public String resourceType() {
        return "AWS::EC2::Volume";
    }

    @Override
    public Verdict check(ConfigurationItem item) {
        JsonNode configuration = item.configuration();
        JsonNode attachments = configuration.path("attachments");
        if (!attachments.isArray() || attachments.isEmpty()) {
            return Verdict.notApplicable("The volume is not attached to an instance.");
        }
        if (!configuration.path("encrypted").asBoolean(false)) {
            return Verdict.nonCompliant("The attached volume is not encrypted.");
        }
        String key = configuration.path("kmsKeyId").asText("");
        if (kmsKeyId != null && !isRequiredKey(key)) {
            return Verdict.nonCompliant("The volume is encrypted with KMS key '" + key + "', not the required '"
                    + kmsKeyId + "'.");
        }
        return Verdict.compliant("The attached volume is encrypted" + (kmsKeyId != null
                ? " with the required key."
                : "."));
    }

    private boolean isRequiredKey(String key) {
        return key.equals(kmsKeyId) || (!kmsKeyId.startsWith("arn:") && key.startsWith("arn:")
                && key.endsWith(":key/" + kmsKeyId));
    }
}
