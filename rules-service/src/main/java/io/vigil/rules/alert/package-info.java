/**
 * Turning a rule match into an {@link io.vigil.contract.Alert}: ids, fingerprint, grouping and the one-line summary.
 */
package io.vigil.rules.alert;
