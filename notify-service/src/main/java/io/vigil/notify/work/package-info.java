/** Background loops that poll PostgreSQL for due work and can be woken early when new work was committed. */
package io.vigil.notify.work;
