/** Appending evidence as links of per-partition SHA-256 hash chains, into daily partitions of the evidence table. */
package io.vigil.audit.chain;
