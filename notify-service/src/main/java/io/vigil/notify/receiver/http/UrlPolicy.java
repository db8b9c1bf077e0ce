package io.vigil.notify.receiver.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a receiver may call a URL: its scheme must be allowed, and no address its host resolves to may be
 * link-local (169.254.0.0/16, where cloud metadata services such as 169.254.169.254 live; fe80::/10), the EC2 IPv6
 * metadata address {@code fd00:ec2::254}, in the shared address space 100.64.0.0/10 (carrier-grade NAT, and the
 * metadata service of some clouds, e.g. Alibaba's 100.100.100.200), in 0.0.0.0/8, any-local ({@code ::}),
 * multicast, or loopback or private unless configured. An IPv6 address that carries an IPv4 one (NAT64
 * 64:ff9b::/96, which reaches 169.254.169.254 in IPv6-only clusters; IPv4-compatible ::a.b.c.d; IPv4-mapped
 * ::ffff:a.b.c.d; 6to4 2002::/16) is checked as that IPv4 address too. Checked at start-up and again before every
 * request; {@link #resolve} returns the checked address, which {@link JsonPoster} connects to, so a host that
 * resolves elsewhere between the check and the connection (DNS rebinding) is not reached.
 */
@ApplicationScoped
public class UrlPolicy {

    private static final String EC2_IPV6_METADATA = "fd00:ec2:0:0:0:0:0:254";

    private final Set<String> schemes;
    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final boolean allowLinkLocal;
    private final boolean allowSharedAddressSpace;
    private final HostResolver resolver;

    @Inject
    public UrlPolicy(HttpConfig config) {
        this(config.allowedSchemes(), config.allowLoopback(), config.allowPrivate(), config.allowLinkLocal(),
                config.allowSharedAddressSpace(), InetAddress::getAllByName);
    }

    /** For tests: a resolver decides what hosts resolve to; the shared address space is refused. */
    public UrlPolicy(List<String> schemes, boolean allowLoopback, boolean allowPrivate, boolean allowLinkLocal,
            HostResolver resolver) {
        this(schemes, allowLoopback, allowPrivate, allowLinkLocal, false, resolver);
    }

    /** For tests: a resolver decides what hosts resolve to. */
    public UrlPolicy(List<String> schemes, boolean allowLoopback, boolean allowPrivate, boolean allowLinkLocal,
            boolean allowSharedAddressSpace, HostResolver resolver) {
        this.schemes = schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.allowLinkLocal = allowLinkLocal;
        this.allowSharedAddressSpace = allowSharedAddressSpace;
        this.resolver = resolver;
    }

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * The decision on a URL.
     *
     * @param refusal why it is refused; null when allowed
     * @param uri the parsed URL; null when it is not one
     * @param address the checked address to connect to (the first the host resolved to); null when refused
     */
    public record Decision(String refusal, URI uri, InetAddress address) {

        /** @return why it is refused; empty when allowed */
        public Optional<String> refused() {
            return Optional.ofNullable(refusal);
        }

        /** @return the port to connect to: the URL's, or the scheme's default */
        public int port() {
            return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
    }

    /** @return why the URL is refused, or empty when it is allowed */
    public Optional<String> check(String url) {
        return resolve(url).refused();
    }

    /** @return whether the URL is allowed and, if so, the checked address to connect to */
    public Decision resolve(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Decision("not a URL: " + e.getReason(), null, null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return new Decision("scheme '" + scheme + "' is not allowed (vigil.notify.http.allowed-schemes="
                    + String.join(",", schemes.stream().sorted().toList()) + ")", uri, null);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return new Decision("the URL has no host", uri, null);
        }
        if (uri.getUserInfo() != null) {
            return new Decision("credentials in the URL are not allowed", uri, null);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return new Decision("host '" + uri.getHost() + "' does not resolve", uri, null);
        }
        if (addresses.length == 0) {
            return new Decision("host '" + uri.getHost() + "' does not resolve", uri, null);
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refuse(address);
            if (refused.isPresent()) {
                return new Decision("host '" + uri.getHost() + "' resolves to " + address.getHostAddress() + ", "
                        + refused.get(), uri, null);
            }
        }
        return new Decision(null, uri, addresses[0]);
    }

    private Optional<String> refuse(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Optional<String> embedding = embeddedIpv4(v6).flatMap(embedded -> refuse(embedded.address())
                    .map(refusal -> "an IPv6 address embedding " + embedded.address().getHostAddress() + " ("
                            + embedded.form() + "): " + refusal));
            if (embedding.isPresent()) {
                return embedding;
            }
        }
        byte[] octets = address.getAddress();
        if (octets.length == 4 && octets[0] == 0) {
            return Optional.of("in 0.0.0.0/8 (\"this network\"; 0.0.0.0 reaches the local host)");
        }
        if (address.isLinkLocalAddress() && !allowLinkLocal) {
            return Optional.of("a link-local address (cloud metadata lives there); set"
                    + " vigil.notify.http.allow-link-local=true to allow it");
        }
        if (address instanceof Inet6Address && address.getHostAddress().equals(EC2_IPV6_METADATA) && !allowLinkLocal) {
            return Optional.of("the EC2 metadata address");
        }
        byte[] bytes = address.getAddress();
        boolean shared = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        if (shared && !allowSharedAddressSpace) {
            return Optional.of("in the shared address space 100.64.0.0/10 (carrier-grade NAT; some clouds' metadata"
                    + " service, e.g. 100.100.100.200); set vigil.notify.http.allow-shared-address-space=true to"
                    + " allow it");
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

    /** An IPv4 address carried inside an IPv6 one, and the form that carries it. */
    record EmbeddedIpv4(InetAddress address, String form) {
    }

    /**
     * @return the IPv4 address an IPv6 address reaches through (NAT64 64:ff9b::/96, IPv4-compatible ::/96,
     *         IPv4-mapped ::ffff:0:0/96, 6to4 2002::/16), to be checked as that address; empty for any other IPv6
     *         address, and for {@code ::} and {@code ::1} (any-local and loopback in their own right)
     */
    static Optional<EmbeddedIpv4> embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(new EmbeddedIpv4(ipv4(b, 2), "6to4 2002::/16"));
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return Optional.empty();
        }
        boolean zeroFrom4To12 = zero(b, 4, 12);
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeroFrom4To12) {
            return Optional.of(new EmbeddedIpv4(ipv4(b, 12), "NAT64 64:ff9b::/96"));
        }
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Optional.of(new EmbeddedIpv4(ipv4(b, 12), "IPv4-mapped ::ffff:0:0/96"));
        }
        if (zero(b, 0, 12)) {
            return Optional.of(new EmbeddedIpv4(ipv4(b, 12), "IPv4-compatible ::/96"));
        }
        return Optional.empty();
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] bytes, int from) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
