/** Benchmarks of the audit-service's evidence store: chained appends against raw batch inserts, and verification. */
package io.vigil.bench.audit;
