/** Silences: time-boxed matchers that suppress alerts (recorded as SUPPRESSED in the ledger, never dropped). */
package io.vigil.notify.silence;
