/** Creates the topics this service reads and writes, with explicit partitions and configuration, at start-up. */
package io.vigil.notify.kafka;
