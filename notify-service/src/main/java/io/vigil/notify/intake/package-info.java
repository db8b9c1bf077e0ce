/**
 * Alerts in: the Kafka consumer and the intake transaction that stores each alert, applies silences, inhibition
 * and muted time intervals (recorded as SUPPRESSED), and adds the rest to their notification groups.
 */
package io.vigil.notify.intake;
