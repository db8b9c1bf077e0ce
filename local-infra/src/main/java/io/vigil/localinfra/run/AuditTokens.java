package io.vigil.localinfra.run;

import io.vigil.localinfra.LocalInfraException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A signing key made for one local run, and tokens for the audit API signed with it. The private key never leaves
 * memory; the public key is written as PEM for the audit-service's {@code mp.jwt.verify.publickey.location}.
 */
public final class AuditTokens {

    /** The issuer the local audit-service trusts. */
    public static final String ISSUER = "vigil-local";

    private final KeyPair keyPair;
    private final Path publicKeyPem;

    private AuditTokens(KeyPair keyPair, Path publicKeyPem) {
        this.keyPair = keyPair;
        this.publicKeyPem = publicKeyPem;
    }

    /** Makes a fresh RSA-2048 key pair and writes its public key to {@code dir/audit-jwt-public.pem}. */
    public static AuditTokens create(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Path pem = dir.resolve("audit-jwt-public.pem");
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keyPair.getPublic().getEncoded());
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            return new AuditTokens(keyPair, pem);
        } catch (GeneralSecurityException | IOException e) {
            throw new LocalInfraException("Cannot create the audit API signing key: " + e.getMessage(), e);
        }
    }

    /** @return the PEM file holding the public key */
    public Path publicKeyPem() {
        return publicKeyPem;
    }

    /**
     * @param user the user name ({@code upn})
     * @param roles the roles ({@code groups}), e.g. {@code auditor}
     * @param validity how long the token is valid
     * @return a signed RS256 JWT for the audit API
     */
    public String mint(String user, List<String> roles, Duration validity) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", roles);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(validity).getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keyPair.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new LocalInfraException("Cannot sign an audit API token: " + e.getMessage(), e);
        }
    }
}
