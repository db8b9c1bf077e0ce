/**
 * Grouping and de-duplication, durable in PostgreSQL: alerts join groups keyed by route and group labels; a group's
 * first notification waits {@code group_wait}, later ones {@code group_interval}; the same fingerprint seen again is
 * held until {@code repeat_interval} and not repeated once acknowledged.
 */
package io.vigil.notify.grouping;
