package io.vigil.notify.ledger;

import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.StableIds;
import java.time.Instant;

/**
 * The ledger rows intake writes for each alert it takes in, in the transaction whose commit lets the alert's Kafka
 * offset be committed: what the ledger shows is exactly what was consumed. {@code QUEUED} per receiver the alert is
 * queued for, {@code UNROUTED} when no route sends it anywhere ({@code SUPPRESSED} rows come from
 * {@link SuppressedDelivery}). These rows are attempt 0 and stay in PostgreSQL: they are not delivery attempts and are
 * not published to {@code vigil.deliveries.v1}. Their ids are stable per alert, so a redelivered record adds none.
 */
public final class IntakeRecord {

    /** The receiver column of an {@code UNROUTED} row. */
    public static final String NO_RECEIVER = "(none)";

    private IntakeRecord() {
    }

    /**
     * @param routePath the route that queued it (one row per route and receiver)
     * @param notificationId the notification carrying it, when it was queued in the outbox at once; null while it
     *        waits in its group
     * @param note where it waits
     */
    public static Delivery queued(Alert alert, String routePath, String receiver, String kind, String notificationId,
            String note, Instant now) {
        return new Delivery(Delivery.SCHEMA_VERSION, StableIds.of(alert.id(), receiver, routePath, "queued"), now,
                alert.id(), alert.fingerprint(), alert.ruleId(), receiver, kind, 0, DeliveryOutcome.QUEUED, now, 0,
                null, note, null, notificationId);
    }

    /**
     * The row of a dead-lettered notification put back in the outbox through the API: {@code QUEUED}, attempt 0,
     * naming who replayed it and the attempts it got.
     *
     * @param replay which replay of the notification this is (its attempts so far), part of the stable id
     */
    public static Delivery replayed(Alert alert, String receiver, String kind, String notificationId, int replay,
            String note, Instant now) {
        return new Delivery(Delivery.SCHEMA_VERSION, StableIds.of(notificationId, alert.id(), "replay",
                String.valueOf(replay)), now, alert.id(), alert.fingerprint(), alert.ruleId(), receiver, kind, 0,
                DeliveryOutcome.QUEUED, now, 0, null, note, null, notificationId);
    }

    /** @param reason why no receiver gets it */
    public static Delivery unrouted(Alert alert, String reason, Instant now) {
        return new Delivery(Delivery.SCHEMA_VERSION, StableIds.of(alert.id(), "unrouted"), now, alert.id(),
                alert.fingerprint(), alert.ruleId(), NO_RECEIVER, "none", 0, DeliveryOutcome.UNROUTED, now, 0, null,
                reason, null, null);
    }
}
