/** Decides which receivers an alert reaches. */
package io.vigil.notify.routing;
