/** Kafka wiring of the audit-service that is not a consumer: topic creation at startup. */
package io.vigil.audit.kafka;
