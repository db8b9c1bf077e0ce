/** Maps each recognized source document onto the normalized, OCSF-aligned event of the contract. */
package io.vigil.ingest.normalize;
