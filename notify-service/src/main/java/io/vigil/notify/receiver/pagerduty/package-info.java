/** The PagerDuty receiver: Events API v2 trigger, acknowledge and resolve, de-duplicated by alert fingerprint. */
package io.vigil.notify.receiver.pagerduty;
