package io.vigil.sigma;

/**
 * A rule's {@code logsource}. Only {@code product: aws} with {@code service: cloudtrail} (and no category) is accepted,
 * because the rule's field names are then paths into a CloudTrail record.
 *
 * @param product
 *            the product, {@code aws}
 * @param service
 *            the service, {@code cloudtrail}
 * @param category
 *            the category; always null for accepted rules
 */
public record SigmaLogsource(String product, String service, String category) {
}
