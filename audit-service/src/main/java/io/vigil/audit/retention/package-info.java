/** Retention: dropping whole old partitions after signing a retention digest that anchors what is kept. */
package io.vigil.audit.retention;
