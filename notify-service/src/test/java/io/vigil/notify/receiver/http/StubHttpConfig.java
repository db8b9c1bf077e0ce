package io.vigil.notify.receiver.http;

import java.util.List;

/**
 * Receiver URL policy and connection settings for tests that build a {@link JsonPoster} without Quarkus.
 *
 * @param allowedSchemes URL schemes receivers may use
 * @param allowLoopback whether loopback addresses are allowed
 * @param allowPrivate whether private addresses are allowed
 * @param allowLinkLocal whether link-local addresses are allowed
 * @param allowSharedAddressSpace whether 100.64.0.0/10 is allowed
 * @param maxConnectionsPerHost keep-alive connections kept to one host
 */
public record StubHttpConfig(List<String> allowedSchemes, boolean allowLoopback, boolean allowPrivate,
        boolean allowLinkLocal, boolean allowSharedAddressSpace, int maxConnectionsPerHost) implements HttpConfig {

    /** @return one connection per host to plain-HTTP servers on this machine */
    public static StubHttpConfig localPlainHttp() {
        return new StubHttpConfig(List.of("http"), true, true, false, false, 1);
    }

    /** @return one connection per host, HTTPS only, public and private addresses */
    public static StubHttpConfig publicHttps() {
        return new StubHttpConfig(List.of("https"), false, true, false, false, 1);
    }
}
