/**
 * Acknowledgement and escalation: acknowledged alerts stop repeating (and resolve in PagerDuty); unacknowledged ones
 * of a configured severity escalate.
 */
package io.vigil.notify.ack;
