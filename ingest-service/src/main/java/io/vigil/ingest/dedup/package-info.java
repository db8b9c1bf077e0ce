/**
 * De-duplicates events across restarts and instances: candidates keyed by their stable id pass a Kafka Streams
 * windowed store (changelog-backed, partitioned by the id) before they reach {@code vigil.events.v1}.
 */
package io.vigil.ingest.dedup;
