package io.vigil.notify.ledger;

/**
 * A position in the ledger's page order: the transaction that recorded a row, then the row's {@code seq}. The
 * ledger is paged in this order, not by {@code seq} alone, because a page holds only rows of transactions that have
 * ended: every later row then comes after the cursor, however its transaction's commit raced with its neighbours'.
 * Written {@code <transaction>-<seq>}; clients treat it as opaque.
 *
 * @param transaction the PostgreSQL transaction id (xid8) that recorded the row; 0 for rows recorded before the
 *        ledger was paged this way
 * @param seq the row's {@code seq}
 */
public record LedgerCursor(long transaction, long seq) {

    /** Before the first row. */
    public static final LedgerCursor START = new LedgerCursor(0, 0);

    public LedgerCursor {
        if (transaction < 0 || seq < 0) {
            throw new IllegalArgumentException("a ledger cursor has no negative parts");
        }
    }

    /**
     * @param text a cursor as {@link #text()} writes it
     * @throws IllegalArgumentException when it is not one
     */
    public static LedgerCursor parse(String text) {
        int dash = text.indexOf('-');
        try {
            if (dash > 0) {
                return new LedgerCursor(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash
                        + 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a ledger cursor; use the 'next' of the previous"
                + " page or an item's 'cursor'");
    }

    /** @return the cursor as the API writes it */
    public String text() {
        return transaction + "-" + seq;
    }
}
