package io.vigil.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtStartupCheckTest {

    @Test
    void startupFailsNamingTheKeyWhenNoVerificationKeyIsConfigured() {
        // Given
        JwtStartupCheck check = new JwtStartupCheck(Optional.of("NONE"), Optional.empty(), "vigil");

        // When
        Throwable failure = catchThrowable(() -> check.check(null));

        // Then
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessage("No key to verify bearer tokens: set mp.jwt.verify.publickey.location to the PEM public "
                        + "key file (e.g. -Dmp.jwt.verify.publickey.location=/etc/vigil/jwt/publicKey.pem)");
    }

    @Test
    void startupFailsWhenTheKeyFileCannotBeRead() {
        // Given
        JwtStartupCheck check = new JwtStartupCheck(Optional.of("/nonexistent/vigil/publicKey.pem"), Optional.empty(),
                "vigil");

        // When
        Throwable failure = catchThrowable(() -> check.check(null));

        // Then
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessage("mp.jwt.verify.publickey.location points to /nonexistent/vigil/publicKey.pem, which is "
                        + "not a readable file");
    }

    @Test
    void classpathKeyLocationIsLeftToSmallRyeJwt() {
        // Given
        JwtStartupCheck check = new JwtStartupCheck(Optional.of("publicKey.pem"), Optional.empty(), "vigil");

        // When
        Throwable failure = catchThrowable(() -> check.check(null));

        // Then
        assertThat(failure).isNull();
    }
}
