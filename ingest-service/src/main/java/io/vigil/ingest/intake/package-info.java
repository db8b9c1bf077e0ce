/** Turns one piece of raw input into normalized events or a reason to reject it: size, encoding, JSON, shape. */
package io.vigil.ingest.intake;
