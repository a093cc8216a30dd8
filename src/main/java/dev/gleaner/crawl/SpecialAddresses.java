package dev.gleaner.crawl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks the service never sends a request to unless private networks are allowed: every block of the IANA
 * IPv4 and IPv6 special-purpose address registries that is not globally reachable, plus multicast. Blocks that carry an
 * IPv4 address inside an IPv6 one (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16})
 * are judged by the IPv4 address they carry. Teredo ({@code 2001::/32}) hides its client address (inverted bits) and
 * reaches any network through a relay, so it is refused outright, like the rest of {@code 2001::/23}.
 *
 * <p>When blocks overlap, the longest prefix names the kind (e.g. {@code 255.255.255.255} is "broadcast", not
 * "reserved"). The table is written out rather than left to {@link InetAddress}'s {@code is…} methods, which know
 * nothing of carrier-grade NAT, documentation, benchmarking, unique-local or embedded IPv4 addresses.
 */
final class SpecialAddresses {

    /**
     * One block: {@code cidr}, the kind of address in words, and the byte offset of an embedded IPv4 address to judge
     * instead ({@code -1}: the whole block is refused).
     */
    @SuppressWarnings("ArrayRecordComponent") // a table entry, never compared or hashed
    record Block(String cidr, byte[] prefix, int bits, String kind, int embeddedIpv4At) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    static final List<Block> BLOCKS = List.of(
            // IPv4 (RFC 6890 and the IANA IPv4 special-purpose address registry)
            block("0.0.0.0/8", "an unspecified (\"this network\") address"),
            block("10.0.0.0/8", "a private network address"),
            block("100.64.0.0/10", "a carrier-grade NAT address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address"),
            block("172.16.0.0/12", "a private network address"),
            block("192.0.0.0/24", "an IETF protocol assignment address"),
            block("192.0.2.0/24", "a documentation address (TEST-NET-1)"),
            block("192.88.99.0/24", "a 6to4 relay anycast address"),
            block("192.168.0.0/16", "a private network address"),
            block("198.18.0.0/15", "a benchmarking address"),
            block("198.51.100.0/24", "a documentation address (TEST-NET-2)"),
            block("203.0.113.0/24", "a documentation address (TEST-NET-3)"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("255.255.255.255/32", "the broadcast address"),
            // IPv6 (the IANA IPv6 special-purpose address registry)
            block("::/128", "an unspecified address"),
            block("::1/128", "a loopback address"),
            embedding("::ffff:0:0/96", "an IPv4-mapped address", 12),
            embedding("::/96", "an IPv4-compatible address", 12),
            embedding("64:ff9b::/96", "a NAT64 address", 12),
            block("64:ff9b:1::/48", "a local-use NAT64 address"),
            block("100::/64", "a discard-only address"),
            block("2001::/23", "an IETF protocol assignment address"),
            block("2001::/32", "a Teredo tunnel address"),
            block("2001:db8::/32", "a documentation address"),
            embedding("2002::/16", "a 6to4 address", 2),
            block("3fff::/20", "a documentation address"),
            block("5f00::/16", "a segment routing (SRv6) address"),
            block("fc00::/7", "a unique-local address"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address"),
            block("ff00::/8", "a multicast address"));

    private SpecialAddresses() {}

    /** The kind of a forbidden address in words, e.g. "a loopback address", or empty for a public one. */
    static Optional<String> forbiddenKind(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            return Optional.of("an address of unknown length");
        }
        Block match = null;
        for (Block block : BLOCKS) {
            if (block.contains(address) && (match == null || block.bits() > match.bits())) {
                match = block;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        if (match.embeddedIpv4At() < 0) {
            return Optional.of(match.kind());
        }
        byte[] embedded = new byte[4];
        System.arraycopy(address, match.embeddedIpv4At(), embedded, 0, 4);
        String kind = match.kind();
        return forbiddenKind(embedded).map(inner -> kind + " carrying " + dotted(embedded) + ", " + inner);
    }

    private static String dotted(byte[] ipv4) {
        return (ipv4[0] & 0xFF) + "." + (ipv4[1] & 0xFF) + "." + (ipv4[2] & 0xFF) + "." + (ipv4[3] & 0xFF);
    }

    private static Block block(String cidr, String kind) {
        return embedding(cidr, kind, -1);
    }

    private static Block embedding(String cidr, String kind, int embeddedIpv4At) {
        int slash = cidr.indexOf('/');
        String literal = cidr.substring(0, slash);
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        byte[] prefix;
        try {
            // Only literals are parsed here: no lookup happens.
            InetAddress parsed = InetAddress.getByName(literal);
            prefix = parsed.getAddress();
            if (parsed instanceof Inet4Address && literal.contains(":")) {
                // The JDK turns an IPv4-mapped literal into its IPv4 address; the block is the IPv6 one.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(prefix, 0, mapped, 12, 4);
                prefix = mapped;
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Not an address literal: " + cidr, e);
        }
        return new Block(cidr, prefix, bits, kind, embeddedIpv4At);
    }
}
