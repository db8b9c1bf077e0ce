package io.vigil.notify.receiver.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which receiver URLs are allowed, and the connections kept to them: {@code vigil.notify.http.*}. */
@ConfigMapping(prefix = "vigil.notify.http")
public interface HttpConfig {

    /** URL schemes receivers may use. */
    @WithDefault("https")
    List<String> allowedSchemes();

    /** Whether loopback addresses (127.0.0.0/8, ::1, localhost) are allowed; only for tests and local runs. */
    @WithDefault("false")
    boolean allowLoopback();

    /** Whether private addresses (10/8, 172.16/12, 192.168/16, fc00::/7) are allowed, e.g. an internal webhook. */
    @WithDefault("true")
    boolean allowPrivate();

    /** Whether link-local addresses (169.254/16 with the cloud metadata service, fe80::/10) are allowed. */
    @WithDefault("false")
    boolean allowLinkLocal();

    /**
     * Whether the shared address space 100.64.0.0/10 (RFC 6598: carrier-grade NAT, also where some clouds put their
     * metadata service, e.g. Alibaba Cloud's 100.100.100.200) is allowed.
     */
    @WithDefault("false")
    boolean allowSharedAddressSpace();

    /**
     * Keep-alive connections kept open to one host (receivers posting to the same host share them); requests beyond
     * wait for a free one within their receiver's timeout.
     */
    @WithDefault("64")
    int maxConnectionsPerHost();
}
