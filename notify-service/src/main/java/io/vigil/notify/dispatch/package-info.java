/**
 * Delivery: the notification outbox in PostgreSQL, claimed with a lease by the delivery worker, sent with bounded
 * concurrency per receiver, retried with exponential backoff and jitter, guarded by a circuit breaker per receiver,
 * dead-lettered after the last attempt and replayable.
 */
package io.vigil.notify.dispatch;
