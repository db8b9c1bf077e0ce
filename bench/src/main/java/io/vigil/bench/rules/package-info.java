/** Benchmarks of the rules-service engine: all packs in one pass against raw event-ruler on the same events. */
package io.vigil.bench.rules;
