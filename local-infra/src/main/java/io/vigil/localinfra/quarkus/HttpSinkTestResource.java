package io.vigil.localinfra.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.http.LocalHttpSink;
import java.util.Map;

/**
 * Starts the JVM's shared {@link LocalHttpSink} and returns {@code vigil.localinfra.httpsink.url}, its base URL
 * ({@code http://127.0.0.1:<port>}), so configuration can point receivers at paths below it, e.g.
 * {@code ${vigil.localinfra.httpsink.url}/slack}.
 */
public final class HttpSinkTestResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration key holding the sink's base URL. */
    public static final String URL_PROPERTY = "vigil.localinfra.httpsink.url";

    @Override
    public Map<String, String> start() {
        return Map.of(URL_PROPERTY, LocalHttpSink.shared().url(""));
    }

    @Override
    public void stop() {
        // The shared sink outlives this test class; the JVM shutdown hook stops it.
    }
}
