package io.vigil.audit.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in PEM ({@code PUBLIC KEY}: X.509 SubjectPublicKeyInfo; {@code PRIVATE KEY}: PKCS #8), as
 * {@code openssl genpkey -algorithm ed25519} writes them, and key ids.
 */
public final class DigestKeys {

    private static final String KEY_ALGORITHM = "Ed25519";

    private DigestKeys() {
    }

    /**
     * The key id: {@code ed25519-} and the first 16 hex digits of the SHA-256 of the public key's DER
     * (SubjectPublicKeyInfo) encoding. Derived, so it can never name the wrong key.
     */
    public static String keyId(PublicKey key) {
        return "ed25519-" + Sha256.hex(key.getEncoded()).substring(0, 16);
    }

    /** @return the public key of a PEM text */
    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance(KEY_ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** @return the private key of a PEM text */
    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance(KEY_ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** @return the PEM text of a public key */
    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** @return the PEM text of a private key */
    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("Not a PEM " + label + " (expected '" + begin + "')");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The PEM " + label + " is not base64", e);
        }
    }
}
