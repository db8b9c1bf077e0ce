/**
 * The rule engine: compiles every loaded rule with its dialect and evaluates all enabled rules on an event in one pass.
 */
package io.vigil.rules.engine;
