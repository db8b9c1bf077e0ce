package io.vigil.audit.api;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Mints bearer tokens for tests with the key pair in src/test/resources (the service verifies with publicKey.pem). */
final class Tokens {

    static final String ISSUER = "vigil";
    static final String USER = "alice@example.com";

    private Tokens() {
    }

    /** A token for a fresh user name, so that tests never share a rate-limit bucket. */
    static String withRoles(String... roles) {
        return forUser("user-" + java.util.UUID.randomUUID() + "@example.com", roles);
    }

    static String forUser(String user, String... roles) {
        return Jwt.upn(user).groups(Set.of(roles)).issuer(ISSUER)
                .expiresAt(Instant.now().plusSeconds(300)).sign(testKey());
    }

    static String auditor() {
        return withRoles("auditor");
    }

    static String expired() {
        Instant now = Instant.now();
        return Jwt.upn(USER).groups(Set.of("auditor")).issuer(ISSUER)
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600)).sign(testKey());
    }

    static String fromIssuer(String issuer) {
        return Jwt.upn(USER).groups(Set.of("auditor")).issuer(issuer)
                .expiresAt(Instant.now().plusSeconds(300)).sign(testKey());
    }

    /** A token for role {@code nobody} whose claims were then edited to say {@code auditor}: the signature no longer matches. */
    static String tampered() {
        String[] parts = withRoles("nobody").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replace("\"nobody\"", "\"auditor\"");
        if (forged.equals(claims)) {
            throw new IllegalStateException("The token's claims do not name the role nobody: " + claims);
        }
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    static String signedByUnknownKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.upn(USER).groups(Set.of("auditor")).issuer(ISSUER)
                    .expiresAt(Instant.now().plusSeconds(300)).sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    private static PrivateKey testKey() {
        try {
            return KeyUtils.readPrivateKey("privateKey.pem");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read src/test/resources/privateKey.pem", e);
        }
    }
}
