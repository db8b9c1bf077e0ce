/** Consumes alerts and delivers each to its receivers with bounded, jittered retries, recording every attempt. */
package io.vigil.notify.dispatch;
