/** Verification of stored evidence against the signed digests, with the shared verifier of audit-verifier. */
package io.vigil.audit.verify;
