package io.vigil.audit.digest;

import io.quarkus.runtime.StartupEvent;
import io.vigil.audit.verifier.DigestKeys;
import io.vigil.audit.verifier.DigestSigner;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The digest signing key and every published verification key (current first, then retired ones). Loaded at
 * startup, which fails naming the configuration key when a key is missing, unreadable, not Ed25519, or when the
 * public key does not belong to the private key.
 */
@ApplicationScoped
public class DigestKeyring {

    static final String PRIVATE_KEY = "vigil.audit.digest.private-key-location";
    static final String PUBLIC_KEY = "vigil.audit.digest.public-key-location";
    private static final Logger LOGGER = Logger.getLogger(DigestKeyring.class);

    private final DigestConfig config;
    private volatile DigestSigner signer;
    private volatile Map<String, PublicKey> published = Map.of();

    DigestKeyring(DigestConfig config) {
        this.config = config;
    }

    void load(@Observes @Priority(100) StartupEvent event) {
        signer();
    }

    /** @return the signer of new digests */
    public DigestSigner signer() {
        DigestSigner current = signer;
        if (current == null) {
            current = loadSigner();
        }
        return current;
    }

    /** @return every published key by key id: the current one first, then retired ones */
    public Map<String, PublicKey> publishedKeys() {
        signer();
        return published;
    }

    private synchronized DigestSigner loadSigner() {
        if (signer != null) {
            return signer;
        }
        Path privatePath = config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                "No digest signing key: set " + PRIVATE_KEY + " to an Ed25519 PKCS #8 PEM file"));
        Path publicPath = config.publicKeyLocation().orElseThrow(() -> new IllegalStateException(
                "No digest public key: set " + PUBLIC_KEY + " to the Ed25519 public key PEM file"));
        DigestSigner loaded;
        try {
            loaded = new DigestSigner(DigestKeys.privateKey(read(privatePath, PRIVATE_KEY)),
                    DigestKeys.publicKey(read(publicPath, PUBLIC_KEY)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid digest key (" + PRIVATE_KEY + ", " + PUBLIC_KEY + "): "
                    + e.getMessage(), e);
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        keys.put(loaded.keyId(), loaded.publicKey());
        for (Path retired : config.retiredPublicKeyLocations().orElse(List.of())) {
            PublicKey key = DigestKeys.publicKey(read(retired, "vigil.audit.digest.retired-public-key-locations"));
            keys.putIfAbsent(DigestKeys.keyId(key), key);
        }
        published = Collections.unmodifiableMap(keys);
        signer = loaded;
        LOGGER.infof("Digest signing key loaded: keyId=%s publishedKeys=%s", loaded.keyId(), keys.keySet());
        return loaded;
    }

    private static String read(Path path, String configKey) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(configKey + " points to " + path + ", which cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
