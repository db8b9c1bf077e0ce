/** Hands normalized events and dead letters to Kafka and reports when the broker has acknowledged them. */
package io.vigil.ingest.publish;
