package io.vigil.audit.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Digest signing ({@code vigil.audit.digest.*}). */
@ConfigMapping(prefix = "vigil.audit.digest")
public interface DigestConfig {

    /** How often a digest is signed, even when no evidence arrived. */
    @WithDefault("PT1H")
    Duration interval();

    /**
     * The Ed25519 signing key, PEM PKCS #8 ({@code openssl genpkey -algorithm ed25519}); in production a mounted
     * Kubernetes Secret. Required.
     */
    Optional<Path> privateKeyLocation();

    /** Its public key, PEM ({@code openssl pkey -pubout}). Required. */
    Optional<Path> publicKeyLocation();

    /** Public keys of retired signing keys, still published so older digests verify. */
    Optional<List<Path>> retiredPublicKeyLocations();
}
