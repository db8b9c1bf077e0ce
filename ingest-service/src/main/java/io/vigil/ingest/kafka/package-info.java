/** Creates the topics this service writes, with explicit partitions and configuration, at start-up. */
package io.vigil.ingest.kafka;
