/** The append-only evidence store: every message on Vigil's topics, kept once per (kind, id), and its queries. */
package io.vigil.audit.evidence;
