/** Records every delivery attempt: published to the deliveries topic and counted. */
package io.vigil.notify.ledger;
