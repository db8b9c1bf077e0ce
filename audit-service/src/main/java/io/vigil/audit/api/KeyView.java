package io.vigil.audit.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A published digest verification key.
 *
 * @param keyId {@code ed25519-} and the first 16 hex digits of the SHA-256 of the key's DER encoding
 * @param algorithm {@code Ed25519}
 * @param publicKeyPem the key, PEM (X.509 SubjectPublicKeyInfo)
 * @param current true for the key that signs new digests, false for retired keys
 */
@Schema(name = "DigestKey", description = "A published digest verification key")
public record KeyView(String keyId, String algorithm, String publicKeyPem, boolean current) {
}
