/**
 * A real HTTP server that records every request it receives and answers as scripted, for testing webhook, Slack,
 * Teams and PagerDuty receivers; it is controlled over HTTP, so tests in any class loader or process can use it.
 */
package io.vigil.localinfra.http;
