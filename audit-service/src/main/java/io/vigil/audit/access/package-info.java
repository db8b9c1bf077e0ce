/** Accountability of the auditors' API: every access recorded as chained evidence, and per-caller rate limits. */
package io.vigil.audit.access;
