/** The ingest-service: AWS security input from SQS, validated and normalized, into Kafka. */
package io.vigil.ingest;
