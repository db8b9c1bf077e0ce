/** Builds dead-letter records that keep rejected input whole, with a reason code. */
package io.vigil.ingest.dlq;
