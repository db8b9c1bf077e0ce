/** Kafka in and out: topic creation at start-up, the event consumer and the alert publisher. */
package io.vigil.rules.kafka;
