/**
 * An SQS-compatible server (ElasticMQ) inside the JVM, with AWS SDK v2 clients pointed at it.
 */
package io.vigil.localinfra.sqs;
