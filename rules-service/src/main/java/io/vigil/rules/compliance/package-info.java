/**
 * Config rule verdicts: the durable latest status per rule and resource, the compliant-to-non-compliant transition
 * that raises an alert, and the evaluations published for audit.
 */
package io.vigil.rules.compliance;
