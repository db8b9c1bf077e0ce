/** Long-polls the configured SQS queues and deletes a message only once what was made from it is in Kafka. */
package io.vigil.ingest.sqs;
