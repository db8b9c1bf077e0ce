/** Loading and validating rule packs: YAML files of rules shipped on the classpath under {@code packs/}. */
package io.vigil.rules.packs;
