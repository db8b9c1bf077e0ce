/**
 * The {@code cloudwatch-filter} rule dialect: CloudWatch Logs JSON filter patterns, parsed and evaluated on CloudTrail
 * records.
 */
package io.vigil.rules.cwlogs;
