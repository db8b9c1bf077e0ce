package io.vigil.audit.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fails startup when no key to verify bearer tokens is configured, or when the configured key file cannot be read.
 * Without this SmallRye JWT starts anyway and answers every API request with 401. The key is never packaged:
 * operators mount it (a Kubernetes Secret) and set {@code mp.jwt.verify.publickey.location}.
 */
@ApplicationScoped
class JwtStartupCheck {

    static final String LOCATION_KEY = "mp.jwt.verify.publickey.location";
    static final String INLINE_KEY = "mp.jwt.verify.publickey";
    /** Runs before topic creation and before the messaging channels start. */
    static final int EARLY = 100;
    /** SmallRye JWT's default value for an unset key. */
    private static final String UNSET = "NONE";
    private static final Logger LOGGER = Logger.getLogger(JwtStartupCheck.class);

    private final Optional<String> location;
    private final Optional<String> inlineKey;
    private final String issuer;

    JwtStartupCheck(@ConfigProperty(name = LOCATION_KEY) Optional<String> location,
            @ConfigProperty(name = INLINE_KEY) Optional<String> inlineKey,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.location = location.filter(JwtStartupCheck::isSet);
        this.inlineKey = inlineKey.filter(JwtStartupCheck::isSet);
        this.issuer = issuer;
    }

    void check(@Observes @Priority(EARLY) StartupEvent event) {
        if (location.isEmpty() && inlineKey.isEmpty()) {
            throw new IllegalStateException("No key to verify bearer tokens: set " + LOCATION_KEY
                    + " to the PEM public key file (e.g. -D" + LOCATION_KEY + "=/etc/vigil/jwt/publicKey.pem)");
        }
        Path file = location.map(JwtStartupCheck::filePath).orElse(null);
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalStateException(LOCATION_KEY + " points to " + file + ", which is not a readable file");
        }
        LOGGER.infof("Bearer tokens are verified: keyLocation=%s issuer=%s", location.orElse("(inline key)"), issuer);
    }

    private static boolean isSet(String value) {
        return !value.isBlank() && !UNSET.equals(value);
    }

    /** @return the file the location names, or null when it is a classpath or remote resource */
    static Path filePath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(location.substring("file:".length()));
        }
        if (location.startsWith("/")) {
            return Path.of(location);
        }
        return null;
    }
}
