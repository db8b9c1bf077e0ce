package io.vigil.notify.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.slack.com", "52.1.2.3",
            "metadata.evil.example", "169.254.169.254",
            "internal.example", "10.1.2.3",
            "v6-metadata.example", "fd00:ec2::254",
            "localhost", "127.0.0.1");

    private final UrlPolicy production = policy(List.of("https"), false, true, false);

    @Test
    void httpsToAPublicHostIsAllowed() {
        // When / Then
        assertThat(production.check("https://hooks.slack.com/services/T0/B0/x")).isEmpty();
    }

    @Test
    void schemeOutsideTheAllowListIsRefusedNamingTheKey() {
        // When / Then
        assertThat(production.check("http://hooks.slack.com/x")).contains(
                "scheme 'http' is not allowed (vigil.notify.http.allowed-schemes=https)");
        assertThat(production.check("file:///etc/passwd")).contains(
                "scheme 'file' is not allowed (vigil.notify.http.allowed-schemes=https)");
    }

    @Test
    void metadataAddressIsRefusedEvenBehindAHostName() {
        // When / Then
        assertThat(production.check("https://169.254.169.254/latest/meta-data/"))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("host '169.254.169.254' resolves to 169.254.169.254, a link-local"));
        assertThat(production.check("https://metadata.evil.example/")).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("host 'metadata.evil.example' resolves to 169.254.169.254"));
        assertThat(production.check("https://v6-metadata.example/"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("the EC2 metadata address"));
    }

    @Test
    void loopbackIsRefusedUnlessConfiguredAndLinkLocalOnlyWithItsOwnSwitch() {
        // Given
        UrlPolicy tests = policy(List.of("http", "https"), true, true, false);
        UrlPolicy linkLocal = policy(List.of("https"), false, true, true);

        // When / Then
        assertThat(production.check("https://localhost/hook")).hasValueSatisfying(
                reason -> assertThat(reason).contains("a loopback address; set vigil.notify.http.allow-loopback=true"));
        assertThat(tests.check("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(tests.check("http://169.254.169.254/")).isPresent();
        assertThat(linkLocal.check("https://169.254.169.254/")).isEmpty();
    }

    @Test
    void privateAddressesFollowTheirSwitchAndCredentialsAndUnknownHostsAreRefused() {
        // Given
        UrlPolicy noPrivate = policy(List.of("https"), false, false, false);

        // When / Then
        assertThat(production.check("https://internal.example/hook")).isEmpty();
        assertThat(noPrivate.check("https://internal.example/hook"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("a private address"));
        assertThat(production.check("https://user:pw@hooks.slack.com/")).contains(
                "credentials in the URL are not allowed");
        assertThat(production.check("https://nowhere.example/")).contains("host 'nowhere.example' does not resolve");
    }

    @Test
    void sharedAddressSpaceOfCarrierGradeNatAndAlibabasMetadataIsRefusedUnlessAllowed() {
        // Given
        UrlPolicy shared = new UrlPolicy(List.of("https"), false, true, false, true, InetAddress::getAllByName);

        // When / Then
        assertThat(production.check("https://100.100.100.200/latest/meta-data/")).contains("host '100.100.100.200'"
                + " resolves to 100.100.100.200, in the shared address space 100.64.0.0/10 (carrier-grade NAT; some"
                + " clouds' metadata service, e.g. 100.100.100.200); set"
                + " vigil.notify.http.allow-shared-address-space=true to allow it");
        assertThat(production.check("https://100.64.0.1/")).isPresent();
        assertThat(production.check("https://100.127.255.254/")).isPresent();
        assertThat(production.check("https://100.63.255.254/")).isEmpty();
        assertThat(production.check("https://100.128.0.1/")).isEmpty();
        assertThat(shared.check("https://100.100.100.200/")).isEmpty();
    }

    @Test
    void resolvingAnAllowedUrlGivesTheCheckedAddressAndPortToConnectTo() {
        // When
        UrlPolicy.Decision slack = production.resolve("https://hooks.slack.com/services/T0/B0/x");
        UrlPolicy.Decision internal = policy(List.of("http"), false, true, false).resolve(
                "http://internal.example:8080/hook");

        // Then
        assertThat(slack.refused()).isEmpty();
        assertThat(slack.address().getHostAddress()).isEqualTo("52.1.2.3");
        assertThat(slack.port()).isEqualTo(443);
        assertThat(internal.address().getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(internal.port()).isEqualTo(8080);
        assertThat(production.resolve("https://metadata.evil.example/").address()).isNull();
    }

    @Test
    void ipv6AddressesEmbeddingARefusedIpv4AddressAreRefusedAsThatAddress() {
        // Given: literals, resolved as they are
        UrlPolicy literal = new UrlPolicy(List.of("https"), false, false, false, false, InetAddress::getAllByName);

        // When / Then
        assertThat(literal.check("https://[64:ff9b::a9fe:a9fe]/latest/meta-data/")).contains("host"
                + " '[64:ff9b::a9fe:a9fe]' resolves to 64:ff9b:0:0:0:0:a9fe:a9fe, an IPv6 address embedding"
                + " 169.254.169.254 (NAT64 64:ff9b::/96): a link-local address (cloud metadata lives there); set"
                + " vigil.notify.http.allow-link-local=true to allow it");
        assertThat(literal.check("https://[64:ff9b::169.254.169.254]/")).isPresent();
        assertThat(literal.check("https://[::169.254.169.254]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("embedding 169.254.169.254 (IPv4-compatible ::/96): a link-local address"));
        assertThat(literal.check("https://[::ffff:169.254.169.254]/")).hasValueSatisfying(reason -> assertThat(
                reason).contains("a link-local address"));
        assertThat(literal.check("https://[::ffff:10.1.2.3]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("a private address"));
        assertThat(literal.check("https://[2002:a9fe:a9fe::1]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("embedding 169.254.169.254 (6to4 2002::/16): a link-local address"));
        assertThat(literal.check("https://[2002:7f00:1::]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("embedding 127.0.0.1 (6to4 2002::/16): a loopback address"));
        assertThat(literal.check("https://[64:ff9b::6464:64c8]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("embedding 100.100.100.200 (NAT64 64:ff9b::/96): in the shared address space"));
        assertThat(literal.check("https://[::7f00:1]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("a loopback address"));
    }

    @Test
    void ipv6AddressesEmbeddingAPublicIpv4AddressAreAllowedAsThatAddressIs() {
        // Given
        UrlPolicy literal = new UrlPolicy(List.of("https"), false, false, false, false, InetAddress::getAllByName);

        // When / Then
        assertThat(literal.check("https://[64:ff9b::3401:203]/")).isEmpty();
        assertThat(literal.check("https://[2002:3401:203::1]/")).isEmpty();
        assertThat(literal.check("https://[2001:db8::1]/")).isEmpty();
    }

    @Test
    void thisNetworkZeroSlashEightAndTheUnspecifiedIpv6AddressAreRefused() {
        // Given
        UrlPolicy literal = new UrlPolicy(List.of("https"), true, true, true, true, InetAddress::getAllByName);

        // When / Then
        assertThat(literal.check("https://0.0.0.0/")).isPresent();
        assertThat(literal.check("https://0.1.2.3/")).contains("host '0.1.2.3' resolves to 0.1.2.3, in 0.0.0.0/8"
                + " (\"this network\"; 0.0.0.0 reaches the local host)");
        assertThat(literal.check("https://[::]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("an any-local or multicast address"));
        assertThat(literal.check("https://[::0.1.2.3]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("in 0.0.0.0/8"));
        assertThat(literal.check("https://[64:ff9b::]/")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("in 0.0.0.0/8"));
        assertThat(literal.check("https://[::1]/")).isEmpty();
    }

    private static UrlPolicy policy(List<String> schemes, boolean loopback, boolean privateAddresses,
            boolean linkLocal) {
        return new UrlPolicy(schemes, loopback, privateAddresses, linkLocal, host -> {
            String address = DNS.getOrDefault(host, host.matches("[0-9.]+") ? host : null);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{InetAddress.getByName(address)};
        });
    }

}
