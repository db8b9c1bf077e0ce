/** The generic webhook receiver: JSON with an HMAC-SHA256 signature, a timestamp and an idempotency key. */
package io.vigil.notify.receiver.webhook;
