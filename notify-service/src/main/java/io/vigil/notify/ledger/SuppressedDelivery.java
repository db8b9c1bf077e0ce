package io.vigil.notify.ledger;

import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.StableIds;
import java.time.Instant;

/** The ledger row of an alert that a receiver did not get because it was silenced, inhibited or muted. */
public final class SuppressedDelivery {

    private SuppressedDelivery() {
    }

    /**
     * @return a {@code SUPPRESSED} delivery; its id is stable per alert and receiver, so recording it twice keeps
     *         one row
     */
    public static Delivery of(Alert alert, String receiver, String kind, String reason, Instant now) {
        return new Delivery(Delivery.SCHEMA_VERSION, StableIds.of(alert.id(), receiver, "suppressed"), now,
                alert.id(), alert.fingerprint(), alert.ruleId(), receiver, kind, 0, DeliveryOutcome.SUPPRESSED, now,
                0, null, reason, null, null);
    }
}
