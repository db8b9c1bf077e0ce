/** The clock the service reads time from, replaceable in tests. */
package io.vigil.notify.time;
