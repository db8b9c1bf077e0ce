/** Vigil's notify-service: turns alerts from Kafka into notifications and records every delivery attempt. */
package io.vigil.notify;
