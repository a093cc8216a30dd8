package dev.gleaner.crawl;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Decides whether the service may send a request to a URL's host, so that a crawl request cannot make it reach its
 * own network (SSRF). Unless private networks are allowed, a host is refused when <em>any</em> address it resolves to
 * is loopback, private (10/8, 172.16/12, 192.168/16), carrier-grade NAT (100.64/10), link-local (169.254/16,
 * fe80::/10), unspecified (0/8, ::), multicast, reserved or broadcast (240/4), IPv6 unique-local (fc00::/7) or
 * site-local (fec0::/10), or an IPv4 address of those kinds embedded in IPv6 (mapped, compatible, NAT64 64:ff9b::/96,
 * 6to4 2002::/16). Either way the host must resolve.
 *
 * <p>The classification is written out over the address bytes rather than left to {@link InetAddress}'s
 * {@code is…} methods, which know nothing of carrier-grade NAT, unique-local or embedded IPv4 addresses. The JDK HTTP
 * client resolves the host again when it connects, so a name whose DNS answer changes between the two lookups is not
 * caught here. Thread-safe when the resolver is.
 */
public final class AddressGuard {

    /** Looks up the addresses of a host name or literal; production uses {@code InetAddress::getAllByName}. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateNetwork;
    private final Resolver resolver;

    public AddressGuard(boolean allowPrivateNetwork, Resolver resolver) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.resolver = resolver;
    }

    /** Why a request to {@code url} must not be sent, as a sentence, or empty when it may be. */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("The URL has no host.");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.of("Could not resolve host " + host + ".");
        }
        if (addresses.length == 0) {
            return Optional.of("Could not resolve host " + host + ".");
        }
        if (allowPrivateNetwork) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbiddenKind(address.getAddress());
            if (kind.isPresent()) {
                return Optional.of("The host " + host + " resolves to " + address.getHostAddress() + ", " + kind.get()
                        + ", and this server is not allowed to fetch from private networks.");
            }
        }
        return Optional.empty();
    }

    /** The kind of a forbidden address, e.g. "a loopback address", or empty for a public one. */
    static Optional<String> forbiddenKind(byte[] address) {
        if (address.length == 4) {
            return forbiddenIpv4(address, 0);
        }
        if (address.length == 16) {
            return forbiddenIpv6(address);
        }
        return Optional.of("an address of unknown length");
    }

    private static Optional<String> forbiddenIpv4(byte[] bytes, int at) {
        int a = bytes[at] & 0xFF;
        int b = bytes[at + 1] & 0xFF;
        if (a == 0) {
            return Optional.of("an unspecified address");
        }
        if (a == 127) {
            return Optional.of("a loopback address");
        }
        if (a == 10 || a == 172 && (b & 0xF0) == 16 || a == 192 && b == 168) {
            return Optional.of("a private network address");
        }
        if (a == 100 && (b & 0xC0) == 64) {
            return Optional.of("a carrier-grade NAT address");
        }
        if (a == 169 && b == 254) {
            return Optional.of("a link-local address");
        }
        if (a >= 224 && a <= 239) {
            return Optional.of("a multicast address");
        }
        if (a >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        return Optional.empty();
    }

    private static Optional<String> forbiddenIpv6(byte[] bytes) {
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        if (zeros(bytes, 0, 15)) {
            int last = bytes[15] & 0xFF;
            if (last == 0) {
                return Optional.of("an unspecified address");
            }
            if (last == 1) {
                return Optional.of("a loopback address");
            }
        }
        if (first == 0xFF) {
            return Optional.of("a multicast address");
        }
        if (first == 0xFE && (second & 0xC0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (first == 0xFE && (second & 0xC0) == 0xC0) {
            return Optional.of("a site-local address");
        }
        if ((first & 0xFE) == 0xFC) {
            return Optional.of("a unique-local address");
        }
        boolean mapped = zeros(bytes, 0, 10) && (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF;
        boolean compatible = zeros(bytes, 0, 12);
        boolean nat64 = first == 0x00
                && second == 0x64
                && (bytes[2] & 0xFF) == 0xFF
                && (bytes[3] & 0xFF) == 0x9B
                && zeros(bytes, 4, 12);
        if (mapped || compatible || nat64) {
            return forbiddenIpv4(bytes, 12);
        }
        if (first == 0x20 && second == 0x02) {
            return forbiddenIpv4(bytes, 2);
        }
        return Optional.empty();
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
