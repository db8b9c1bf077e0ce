package io.vigil.localinfra.run;

import io.vigil.localinfra.LocalInfraException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * An Ed25519 key pair made for one local run, with which the audit-service signs its evidence digests: written as
 * PEM ({@code audit-digest-private.pem}, PKCS #8; {@code audit-digest-public.pem}) for
 * {@code vigil.audit.digest.private-key-location} and {@code vigil.audit.digest.public-key-location}. In production
 * the pair comes from a Kubernetes Secret instead.
 *
 * @param privateKeyPem the private key file
 * @param publicKeyPem the public key file, for the offline verifier ({@code bin/vigil-audit-verify --key})
 */
public record AuditDigestKeys(Path privateKeyPem, Path publicKeyPem) {

    /** Makes a fresh pair and writes it to {@code dir}. */
    public static AuditDigestKeys create(Path dir) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            Path privatePem = dir.resolve("audit-digest-private.pem");
            Path publicPem = dir.resolve("audit-digest-public.pem");
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new AuditDigestKeys(privatePem, publicPem);
        } catch (GeneralSecurityException | IOException e) {
            throw new LocalInfraException("Cannot create the audit digest signing key: " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
