/** Signed digests: periodic Ed25519-signed snapshots of every chain's head, linked into their own chain. */
package io.vigil.audit.digest;
