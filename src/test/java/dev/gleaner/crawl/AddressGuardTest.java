package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resolver here is a table of names to literal addresses: no lookup leaves the process. */
class AddressGuardTest {
    private final Map<String, InetAddress[]> names = new ConcurrentHashMap<>();
    private final List<String> lookedUp = new ArrayList<>();

    private final AddressGuard.Resolver resolver = host -> {
        lookedUp.add(host);
        InetAddress[] addresses = names.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    };

    private final AddressGuard strict = new AddressGuard(false, resolver);
    private final AddressGuard permissive = new AddressGuard(true, resolver);

    /** Parses an IP literal (never a name, so never a DNS lookup). */
    private static InetAddress literal(String ip) throws UnknownHostException {
        if (!ip.contains(":") && !ip.matches("[0-9.]+")) {
            throw new IllegalArgumentException("not a literal: " + ip);
        }
        return InetAddress.getByName(ip);
    }

    /** An IPv6 address kept in IPv6 form even when it is an IPv4-mapped one (the JDK's parser would unwrap it). */
    private static InetAddress mappedIpv6(String ipv4) throws UnknownHostException {
        return Inet6Address.getByAddress(null, mapped(literal(ipv4).getAddress()), (NetworkInterface) null);
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }

    private void host(String name, InetAddress... addresses) {
        names.put(name, addresses);
    }

    @Test
    void allowsAHostWithOnlyPublicAddresses() throws Exception {
        host("example.com", literal("93.184.216.34"), literal("2606:2800:220:1:248:1893:25c8:1946"));

        assertThat(strict.refusal(URI.create("https://example.com/page"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "0.0.0.0",
                "0.1.2.3",
                "100.64.0.1",
                "100.127.255.254",
                "224.0.0.1",
                "239.255.255.250",
                "255.255.255.255",
                "240.0.0.1",
                "::1",
                "::",
                "fe80::1",
                "febf::1",
                "fec0::1",
                "fc00::1",
                "fd12:3456:789a::1",
                "ff02::1",
                "::127.0.0.1",
                "64:ff9b::a00:1",
                "2002:c0a8:101::1"
            })
    void refusesAHostResolvingToANonPublicAddress(String ip) throws Exception {
        InetAddress address = literal(ip);
        host("internal.example", address);

        assertThat(strict.refusal(URI.create("http://internal.example/")))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("internal.example")
                        .contains(address.getHostAddress())
                        .endsWith("."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "100.64.1.1"})
    void refusesIpv4MappedFormsOfNonPublicAddresses(String ip) throws Exception {
        InetAddress mapped = mappedIpv6(ip);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        host("mapped.example", mapped);

        assertThat(strict.refusal(URI.create("http://mapped.example/"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "11.0.0.1",
                "172.15.255.255",
                "172.32.0.1",
                "192.169.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.255.0.1",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "fbff::1",
                "fe00::1",
                "2002:808:808::1"
            })
    void allowsPublicNeighboursOfForbiddenRanges(String ip) throws Exception {
        host("public.example", literal(ip));

        assertThat(strict.refusal(URI.create("http://public.example/"))).isEmpty();
    }

    @Test
    void allowsAnIpv4MappedPublicAddress() throws Exception {
        host("mapped.example", mappedIpv6("8.8.8.8"));

        assertThat(strict.refusal(URI.create("http://mapped.example/"))).isEmpty();
    }

    @Test
    void refusesWhenAnyOfSeveralAddressesIsPrivate() throws Exception {
        host("split.example", literal("93.184.216.34"), literal("10.0.0.5"));

        assertThat(strict.refusal(URI.create("http://split.example/")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("10.0.0.5").contains("private"));
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        assertThat(strict.refusal(URI.create("http://nowhere.invalid/")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("Could not resolve nowhere.invalid: no such host"));
        assertThat(permissive.refusal(URI.create("http://nowhere.invalid/")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("Could not resolve nowhere.invalid: no such host"));
    }

    @Test
    void refusesAHostThatResolvesToNothing() {
        host("empty.example");

        assertThat(strict.refusal(URI.create("http://empty.example/"))).isPresent();
    }

    @Test
    void allowsPrivateAddressesWhenThePolicyDoes() throws Exception {
        host("intranet.example", literal("10.0.0.1"), literal("::1"));

        assertThat(permissive.refusal(URI.create("http://intranet.example/"))).isEmpty();
    }

    @Test
    void looksUpIpv6LiteralsWithoutBrackets() throws Exception {
        host("::1", literal("::1"));

        assertThat(strict.refusal(URI.create("http://[::1]:8080/"))).isPresent();
        assertThat(lookedUp).containsExactly("::1");
    }

    @Test
    void refusesAUrlWithoutAHost() {
        assertThat(strict.refusal(URI.create("file:///etc/passwd"))).contains("The URL has no host.");
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void knowsWithoutALookupThatLiteralsAndLocalhostAreBlocked() {
        assertThat(strict.knownRefusal("127.0.0.1")).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("The address 127.0.0.1 is blocked (a loopback address); start the server with"
                        + " --allow-private-network to reach it."));
        assertThat(strict.knownRefusal("[::1]")).isPresent();
        assertThat(strict.knownRefusal("LOCALHOST")).isPresent();
        assertThat(strict.knownRefusal("app.localhost")).isPresent();
        assertThat(strict.knownRefusal("localhost.")).isPresent();
        assertThat(strict.knownRefusal("8.8.8.8")).isEmpty();
        assertThat(strict.knownRefusal("intranet.example")).isEmpty();
        assertThat(permissive.knownRefusal("127.0.0.1")).isEmpty();
        assertThat(permissive.knownRefusal("localhost")).isEmpty();
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void aRefusalNamesTheAddressTheHostAndTheFlag() throws Exception {
        host("intranet.example", literal("10.0.0.5"));

        assertThat(strict.resolve("intranet.example"))
                .isEqualTo(new AddressGuard.Resolution.Refused(
                        AddressGuard.Refusal.BLOCKED,
                        "The address 10.0.0.5 of intranet.example is blocked (a private network address); start the"
                                + " server with --allow-private-network to reach it."));
    }

    @Test
    void resolvesOnceAndReturnsTheCheckedAddresses() throws Exception {
        host("example.com", literal("93.184.216.34"));

        assertThat(strict.resolve("example.com"))
                .isEqualTo(new AddressGuard.Resolution.Allowed(List.of(literal("93.184.216.34"))));
        assertThat(lookedUp).containsExactly("example.com");
    }
}
