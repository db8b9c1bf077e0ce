package io.vigil.notify.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.contract.Delivery;

/**
 * One ledger row.
 *
 * @param seq its position in the ledger, the pagination cursor
 * @param delivery the attempt
 */
public record LedgerEntry(@JsonProperty("seq") long seq, @JsonProperty("delivery") Delivery delivery) {
}
