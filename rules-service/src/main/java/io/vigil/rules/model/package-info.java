/** What a rule is: the immutable definition loaded from a pack, independent of its dialect. */
package io.vigil.rules.model;
