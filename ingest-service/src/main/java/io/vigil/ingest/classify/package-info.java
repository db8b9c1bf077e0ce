/** Recognizes what a JSON document is by its content, not by labels that vary between sources. */
package io.vigil.ingest.classify;
