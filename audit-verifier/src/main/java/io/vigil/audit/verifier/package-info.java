/**
 * The evidence integrity formats shared by the audit-service and the offline verifier: the canonical JSON form
 * (RFC 8785), chain links, signed digests, and the verification that finds the first broken link. No framework code.
 */
package io.vigil.audit.verifier;
