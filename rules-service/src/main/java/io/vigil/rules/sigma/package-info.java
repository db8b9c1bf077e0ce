/** The {@code sigma} dialect: Sigma rules for CloudTrail, through the {@code io.vigil.sigma} library. */
package io.vigil.rules.sigma;
