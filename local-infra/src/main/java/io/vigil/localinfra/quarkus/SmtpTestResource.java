package io.vigil.localinfra.quarkus;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.smtp.LocalSmtp;

/**
 * Points a {@code @QuarkusTest}'s mailer at the JVM's shared {@link LocalSmtp} (GreenMail).
 *
 * <p>Returns {@code quarkus.mailer.host}, {@code quarkus.mailer.port}, {@code quarkus.mailer.mock=false},
 * {@code quarkus.mailer.from=vigil@localhost} and {@code quarkus.mailer.start-tls=DISABLED} (GreenMail speaks plain
 * SMTP). Tests read what arrived with {@code LocalSmtp.shared().receivedMessagesTo(address)}, which works from the
 * test's class loader too (see {@link LocalSmtp}). {@link #stop()} leaves the server running; a JVM shutdown hook
 * stops it.
 */
public final class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    /** The sender address configured for the mailer. */
    public static final String FROM = "vigil@localhost";

    @Override
    public Map<String, String> start() {
        LocalSmtp smtp = LocalSmtp.shared();
        return Map.of(
                "quarkus.mailer.host", smtp.host(),
                "quarkus.mailer.port", Integer.toString(smtp.port()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.from", FROM,
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        // The shared server outlives this test class; the JVM shutdown hook stops it.
    }
}
