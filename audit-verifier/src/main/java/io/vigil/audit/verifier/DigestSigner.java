package io.vigil.audit.verifier;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Signs digests with an Ed25519 private key (JDK {@code Signature "Ed25519"}). Thread-safe. */
public final class DigestSigner {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    /**
     * @param privateKey the signing key
     * @param publicKey its public key; checked to belong to the private key
     * @throws IllegalArgumentException when the keys are not Ed25519 or not a pair
     */
    public DigestSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = DigestKeys.keyId(publicKey);
        byte[] probe = "vigil digest key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!SignatureCheck.verify(publicKey, probe, sign(probe))) {
            throw new IllegalArgumentException("The digest public key does not belong to the private key");
        }
    }

    /** @return the id of the signing key */
    public String keyId() {
        return keyId;
    }

    /** @return the public key */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** @return the digest with its signature; the digest must name this signer's key id */
    public SignedDigest sign(Digest digest) {
        if (!keyId.equals(digest.keyId())) {
            throw new IllegalArgumentException("Digest names key " + digest.keyId() + ", signer has " + keyId);
        }
        return new SignedDigest(digest, Base64.getEncoder().encodeToString(sign(digest.canonicalBytes())));
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(Digest.ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with the digest key: " + e.getMessage(), e);
        }
    }
}
