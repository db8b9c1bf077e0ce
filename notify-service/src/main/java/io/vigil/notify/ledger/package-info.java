/**
 * The delivery ledger: every attempt and suppression in PostgreSQL, queryable through the API, and published to
 * {@code vigil.deliveries.v1} (dead letters also to {@code vigil.notify.dlq.v1}) after it was committed.
 */
package io.vigil.notify.ledger;
