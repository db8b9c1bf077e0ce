package io.vigil.notify.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.contract.Delivery;

/**
 * One ledger row.
 *
 * @param seq its position in insertion order
 * @param cursor its position in page order ({@link LedgerCursor#text()}): the page after it starts there
 * @param delivery the attempt
 */
public record LedgerEntry(@JsonProperty("seq") long seq, @JsonProperty("cursor") String cursor,
        @JsonProperty("delivery") Delivery delivery) {

    /** @return the cursor, read */
    public LedgerCursor position() {
        return LedgerCursor.parse(cursor);
    }
}
