package io.vigil.notify.ledger;

import io.vigil.contract.DeliveryOutcome;
import java.time.Instant;

/**
 * A filter over the ledger; null fields do not filter.
 *
 * @param alertId only this alert
 * @param receiver only this receiver
 * @param status only this outcome
 * @param notificationId only this notification
 * @param since attempts at or after
 * @param until attempts before
 * @param after the cursor: rows after it in page order
 * @param limit at most this many rows
 */
public record LedgerQuery(String alertId, String receiver, DeliveryOutcome status, String notificationId,
        Instant since, Instant until, LedgerCursor after, int limit) {
}
