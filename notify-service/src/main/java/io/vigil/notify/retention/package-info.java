/**
 * Retention: removes notify-service's state older than {@code vigil.notify.retention.keep} once nothing still needs
 * it, so that PostgreSQL's tables, and the cost of every notification with them, stop growing.
 */
package io.vigil.notify.retention;
