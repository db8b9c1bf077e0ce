/** The {@code eventbridge} dialect: EventBridge event patterns, evaluated by event-ruler on the event's envelope. */
package io.vigil.rules.eventbridge;
