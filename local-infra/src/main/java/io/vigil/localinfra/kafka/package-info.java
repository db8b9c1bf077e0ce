/**
 * A real KRaft Kafka broker inside the JVM, from Apache Kafka's own test kit.
 */
package io.vigil.localinfra.kafka;
