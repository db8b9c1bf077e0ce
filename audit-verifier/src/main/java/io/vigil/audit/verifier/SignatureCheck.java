package io.vigil.audit.verifier;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Checks Ed25519 signatures of digests. */
public final class SignatureCheck {

    private SignatureCheck() {
    }

    /** @return true when the signed digest's signature verifies with the key */
    public static boolean verify(PublicKey key, SignedDigest signed) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signed.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return verify(key, signed.digest().canonicalBytes(), signature);
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(Digest.ALGORITHM);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
