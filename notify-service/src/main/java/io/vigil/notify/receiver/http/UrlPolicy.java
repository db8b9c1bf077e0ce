package io.vigil.notify.receiver.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a receiver may call a URL: its scheme must be allowed, and no address its host resolves to may be
 * link-local (169.254.0.0/16, where cloud metadata services such as 169.254.169.254 live; fe80::/10), the EC2 IPv6
 * metadata address {@code fd00:ec2::254}, any-local, multicast, or loopback or private unless configured. Checked at
 * start-up and again before every request, so a host that later resolves elsewhere is still refused.
 */
@ApplicationScoped
public class UrlPolicy {

    private static final String EC2_IPV6_METADATA = "fd00:ec2:0:0:0:0:0:254";

    private final Set<String> schemes;
    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final boolean allowLinkLocal;
    private final HostResolver resolver;

    @Inject
    public UrlPolicy(HttpConfig config) {
        this(config.allowedSchemes(), config.allowLoopback(), config.allowPrivate(), config.allowLinkLocal(),
                InetAddress::getAllByName);
    }

    /** For tests: a resolver decides what hosts resolve to. */
    public UrlPolicy(List<String> schemes, boolean allowLoopback, boolean allowPrivate, boolean allowLinkLocal,
            HostResolver resolver) {
        this.schemes = schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.allowLinkLocal = allowLinkLocal;
        this.resolver = resolver;
    }

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** @return why the URL is refused, or empty when it is allowed */
    public Optional<String> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return Optional.of("scheme '" + scheme + "' is not allowed (vigil.notify.http.allowed-schemes="
                    + String.join(",", schemes.stream().sorted().toList()) + ")");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("credentials in the URL are not allowed");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("host '" + uri.getHost() + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refuse(address);
            if (refused.isPresent()) {
                return Optional.of("host '" + uri.getHost() + "' resolves to " + address.getHostAddress() + ", "
                        + refused.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> refuse(InetAddress address) {
        if (address.isLinkLocalAddress() && !allowLinkLocal) {
            return Optional.of("a link-local address (cloud metadata lives there); set"
                    + " vigil.notify.http.allow-link-local=true to allow it");
        }
        if (address instanceof Inet6Address && address.getHostAddress().equals(EC2_IPV6_METADATA) && !allowLinkLocal) {
            return Optional.of("the EC2 metadata address");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("an any-local or multicast address");
        }
        if (address.isLoopbackAddress() && !allowLoopback) {
            return Optional.of("a loopback address; set vigil.notify.http.allow-loopback=true to allow it");
        }
        boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
        if ((address.isSiteLocalAddress() || uniqueLocal) && !allowPrivate) {
            return Optional.of("a private address; set vigil.notify.http.allow-private=true to allow it");
        }
        return Optional.empty();
    }
}
