/**
 * Sigma rules for AWS CloudTrail records: loading from YAML, evaluation on Jackson trees, and compilation to
 * event-ruler prefilter patterns. No framework code; {@link io.vigil.sigma.SigmaRuleLoader} is the front door.
 */
package io.vigil.sigma;
