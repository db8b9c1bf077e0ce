package io.vigil.notify.receiver;

/** Why a notification is sent. */
public enum NotificationAction {
    /** New alerts of a group. */
    FIRING,
    /** Alerts seen again after {@code repeat_interval}, still not acknowledged. */
    REPEAT,
    /** An alert not acknowledged in time, sent to the escalation receiver. */
    ESCALATION,
    /** Someone acknowledged the alert (PagerDuty: acknowledge). */
    ACKNOWLEDGE,
    /** Someone resolved the alert (PagerDuty: resolve). */
    RESOLVE;

    /** @return whether the notification tells about a problem (as opposed to a state change of one) */
    public boolean isTrigger() {
        return this == FIRING || this == REPEAT || this == ESCALATION;
    }
}
