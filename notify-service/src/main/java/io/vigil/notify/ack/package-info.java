/**
 * Acknowledgement and escalation: an acknowledged fingerprint is not sent or escalated until it is resolved (and
 * PagerDuty incidents are acknowledged and resolved); unacknowledged alerts of a configured severity escalate.
 */
package io.vigil.notify.ack;
