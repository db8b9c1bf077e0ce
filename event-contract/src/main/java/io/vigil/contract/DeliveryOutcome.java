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
    SUPPRESSED
}
