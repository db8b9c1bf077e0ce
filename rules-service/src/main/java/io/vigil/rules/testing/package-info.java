/** Rule tests as code: turning embedded test inputs into events and running every rule's embedded tests. */
package io.vigil.rules.testing;
