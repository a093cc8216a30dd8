package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testsite.TestSite;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocked-address table, judged on raw address bytes: no lookup happens anywhere in here. */
class SpecialAddressesTest {
    private static final int SAMPLES_PER_BLOCK = 200;

    static Stream<SpecialAddresses.Block> blocks() {
        return SpecialAddresses.BLOCKS.stream();
    }

    static Stream<SpecialAddresses.Block> wholeBlocks() {
        return blocks().filter(block -> block.embeddedIpv4At() < 0);
    }

    static Stream<SpecialAddresses.Block> embeddingBlocks() {
        return blocks().filter(block -> block.embeddedIpv4At() >= 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeBlocks")
    void everyAddressOfABlockIsForbidden(SpecialAddresses.Block block) {
        Random random = new Random(block.cidr().hashCode());
        assertThat(SpecialAddresses.forbiddenKind(first(block))).isPresent();
        assertThat(SpecialAddresses.forbiddenKind(last(block))).isPresent();
        for (int i = 0; i < SAMPLES_PER_BLOCK; i++) {
            byte[] address = inside(block, random);
            assertThat(SpecialAddresses.forbiddenKind(address))
                    .as("an address of %s", block.cidr())
                    .isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddingBlocks")
    void anEmbeddingBlockIsJudgedByTheIpv4AddressItCarries(SpecialAddresses.Block block) throws Exception {
        byte[] withPrivate = embed(block, InetAddress.getByName("10.1.2.3").getAddress());
        byte[] withLoopback = embed(block, TestSite.ADDRESS.getAddress());
        byte[] withPublic = embed(block, InetAddress.getByName("8.8.8.8").getAddress());

        assertThat(SpecialAddresses.forbiddenKind(withPrivate))
                .hasValueSatisfying(
                        kind -> assertThat(kind).contains("10.1.2.3").contains("private"));
        assertThat(SpecialAddresses.forbiddenKind(withLoopback)).isPresent();
        assertThat(SpecialAddresses.forbiddenKind(withPublic)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.255.255.255",
                "10.20.30.40",
                "100.64.0.0",
                "100.127.255.255",
                "127.0.0.1",
                "169.254.169.254",
                "172.16.0.1",
                "192.0.0.8",
                "192.0.0.170",
                "192.0.2.1",
                "192.88.99.1",
                "192.168.255.255",
                "198.18.0.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.7",
                "224.0.0.251",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "64:ff9b:1::1",
                "64:ff9b:1:ffff::1",
                "100::1",
                "2001::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "2001:2::1",
                "2001:db8::1",
                "2001:db8:ffff::1",
                "3fff::1",
                "5f00::1",
                "fc00::1",
                "fdff::1",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "ff0e::1"
            })
    void refusesTheSpecialPurposeAddressesOfTheIanaRegistries(String ip) throws UnknownHostException {
        assertThat(SpecialAddresses.forbiddenKind(literal(ip))).as(ip).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "11.0.0.1",
                "100.63.255.255",
                "100.128.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.0.1.0",
                "192.0.3.0",
                "192.88.98.255",
                "192.169.0.0",
                "198.17.255.255",
                "198.20.0.0",
                "198.51.99.255",
                "198.51.101.0",
                "203.0.112.255",
                "203.0.114.0",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2001:200::1",
                "2001:db7:ffff::1",
                "2001:db9::1",
                "64:ff9b:2::1",
                "2002:808:808::1",
                "2a00:1450:4001:80b::200e",
                "fbff::1",
                "fe00::1"
            })
    void allowsPublicNeighboursOfTheBlocks(String ip) throws UnknownHostException {
        assertThat(SpecialAddresses.forbiddenKind(literal(ip))).as(ip).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "255.255.255.255, the broadcast address",
        "240.0.0.1, a reserved address",
        "2001:0:4136:e378::1, a Teredo tunnel address",
        "2001:2::1, an IETF protocol assignment address",
        "2001:db8::1, a documentation address",
        "64:ff9b:1::1, a local-use NAT64 address",
        "198.18.0.1, a benchmarking address",
        "192.0.2.1, a documentation address (TEST-NET-1)"
    })
    void theMostSpecificBlockNamesTheKind(String ip, String kind) throws UnknownHostException {
        assertThat(SpecialAddresses.forbiddenKind(literal(ip))).contains(kind);
    }

    @Test
    void nat64And6to4AddressesCarryingAPrivateIpv4AreRefusedWithBothNamed() throws UnknownHostException {
        assertThat(SpecialAddresses.forbiddenKind(literal("64:ff9b::a00:5")))
                .contains("a NAT64 address carrying 10.0.0.5, a private network address");
        assertThat(SpecialAddresses.forbiddenKind(literal("2002:7f00:1::1")))
                .contains("a 6to4 address carrying 127.0.0.1, a loopback address");
        assertThat(SpecialAddresses.forbiddenKind(literal("64:ff9b::808:808"))).isEmpty();
    }

    /** The bytes of an IP literal; an IPv4-mapped literal stays in its 16-byte IPv6 form. */
    private static byte[] literal(String ip) throws UnknownHostException {
        if (!ip.contains(":") && !ip.matches("[0-9.]+")) {
            throw new IllegalArgumentException("not a literal: " + ip);
        }
        return InetAddress.getByName(ip.contains(":") ? "[" + ip + "]" : ip).getAddress();
    }

    private static byte[] first(SpecialAddresses.Block block) {
        return block.prefix().clone();
    }

    private static byte[] last(SpecialAddresses.Block block) {
        byte[] address = block.prefix().clone();
        for (int bit = block.bits(); bit < address.length * 8; bit++) {
            address[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return address;
    }

    /** A random address of the block: the prefix's bits, then random ones. */
    private static byte[] inside(SpecialAddresses.Block block, Random random) {
        byte[] address = new byte[block.prefix().length];
        random.nextBytes(address);
        for (int bit = 0; bit < block.bits(); bit++) {
            int mask = 0x80 >>> (bit % 8);
            address[bit / 8] = (byte) ((address[bit / 8] & ~mask) | (block.prefix()[bit / 8] & mask));
        }
        return address;
    }

    private static byte[] embed(SpecialAddresses.Block block, byte[] ipv4) {
        byte[] address = block.prefix().clone();
        System.arraycopy(ipv4, 0, address, block.embeddedIpv4At(), 4);
        return address;
    }
}
