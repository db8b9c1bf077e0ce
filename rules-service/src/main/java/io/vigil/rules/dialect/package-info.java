/** The rule dialect SPI: how a rule language compiles rule bodies into matchers over normalized events. */
package io.vigil.rules.dialect;
