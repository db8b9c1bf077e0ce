package io.vigil.contract;

/** Outcome of one notification attempt. */
public enum DeliveryOutcome {
    /** The receiver accepted the notification. */
    DELIVERED,
    /** This attempt failed; another may follow. */
    FAILED,
    /** All attempts failed; the notification went to the dead-letter path. */
    DEAD_LETTERED,
    /** Not sent on purpose: silenced, inhibited or a duplicate. */
    SUPPRESSED,
    /**
     * notify-service's ledger only, never published: the alert was taken in for this receiver and is queued (in the
     * outbox, or waiting in its group); its attempts follow.
     */
    QUEUED,
    /** notify-service's ledger only, never published: the alert was taken in but no route sends it to a receiver. */
    UNROUTED
}
