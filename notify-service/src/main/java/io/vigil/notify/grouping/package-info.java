/**
 * Grouping and de-duplication, durable in PostgreSQL: alerts join groups keyed by route and group labels; a group's
 * first notification waits {@code group_wait}, later ones {@code group_interval}; the same fingerprint seen again is
 * held until {@code repeat_interval}, and while it is acknowledged (until resolved) nothing of it is sent.
 */
package io.vigil.notify.grouping;
