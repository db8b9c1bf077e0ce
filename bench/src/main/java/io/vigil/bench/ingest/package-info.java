/** Benchmarks of the ingest-service: normalization cost per source (JMH) and SQS-to-Kafka throughput. */
package io.vigil.bench.ingest;
