/**
 * The HTTP API under {@code /api/v1}: routing explanation, the delivery ledger, notifications and replay, silences,
 * acknowledgement. Errors are problem-JSON bodies (status, code, message).
 */
package io.vigil.notify.api;
