package io.vigil.audit.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.audit.verifier.DigestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest keys come from configuration, and bad configuration fails naming the key. */
class DigestKeyringTest {

    private static final Path PRIVATE = Path.of("src/test/resources/digest-private.pem");
    private static final Path PUBLIC = Path.of("src/test/resources/digest-public.pem");

    @TempDir
    Path dir;

    @Test
    void shouldPublishTheCurrentKeyFirstThenRetiredOnes() throws Exception {
        // Given
        KeyPair retired = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path retiredPem = Files.writeString(dir.resolve("retired.pem"), DigestKeys.pem(retired.getPublic()));

        // When
        DigestKeyring keyring = new DigestKeyring(config(PRIVATE, PUBLIC, List.of(retiredPem)));

        // Then
        assertThat(keyring.publishedKeys().keySet()).containsExactly(keyring.signer().keyId(),
                DigestKeys.keyId(retired.getPublic()));
    }

    @Test
    void shouldFailNamingTheKeyWhenThePrivateKeyIsNotConfigured() {
        assertThatThrownBy(() -> new DigestKeyring(config(null, PUBLIC, List.of())).signer())
                .hasMessageContaining("vigil.audit.digest.private-key-location");
    }

    @Test
    void shouldFailWhenThePublicKeyIsNotTheOneOfThePrivateKey() throws Exception {
        // Given
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path otherPem = Files.writeString(dir.resolve("other.pem"), DigestKeys.pem(other.getPublic()));

        // When / Then
        assertThatThrownBy(() -> new DigestKeyring(config(PRIVATE, otherPem, List.of())).signer())
                .hasMessageContaining("does not belong to the private key");
    }

    @Test
    void shouldFailNamingTheKeyWhenTheFileIsMissing() {
        assertThatThrownBy(() -> new DigestKeyring(config(dir.resolve("absent.pem"), PUBLIC, List.of())).signer())
                .hasMessageContaining("vigil.audit.digest.private-key-location points to");
    }

    private static DigestConfig config(Path privateKey, Path publicKey, List<Path> retired) {
        return new DigestConfig() {
            @Override
            public Duration interval() {
                return Duration.ofHours(1);
            }

            @Override
            public Optional<Path> privateKeyLocation() {
                return Optional.ofNullable(privateKey);
            }

            @Override
            public Optional<Path> publicKeyLocation() {
                return Optional.ofNullable(publicKey);
            }

            @Override
            public Optional<List<Path>> retiredPublicKeyLocations() {
                return Optional.of(retired);
            }
        };
    }
}
