/**
 * The rules-service: evaluates rules over normalized security events and publishes alerts; service-wide configuration.
 */
package io.vigil.rules;
