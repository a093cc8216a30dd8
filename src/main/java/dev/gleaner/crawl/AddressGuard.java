package dev.gleaner.crawl;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which addresses the service may send a request to, so that a crawl request or a webhook cannot make it reach
 * its own network (SSRF). Unless private networks are allowed, a host is refused when <em>any</em> address it resolves
 * to is in a {@link SpecialAddresses} block (loopback, private, carrier-grade NAT, link-local, documentation,
 * benchmarking, multicast, reserved, unique-local, NAT64 local-use, Teredo, and IPv4 addresses of those kinds embedded
 * in IPv6). Either way the host must resolve.
 *
 * <p>{@link #resolve} is the one lookup a connection is made from: the HTTP clients of the fetcher and the webhook
 * sender ({@link GuardedHttpClients}) use it as their resolver, so they connect to exactly the addresses that were
 * checked, and a DNS answer that changes between a check and the connection (DNS rebinding) cannot slip through. The
 * resolver and the policy are given to each guard; nothing is process-wide. Thread-safe when the resolver is.
 */
public final class AddressGuard {
    /** The server flag that lifts the private-network refusal, named in every refusal. */
    public static final String ALLOW_FLAG = "--allow-private-network";

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Looks up the addresses of a host name or literal; production uses {@code InetAddress::getAllByName}. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Which addresses may be connected to. */
    @FunctionalInterface
    public interface Policy {
        /** Only public addresses: none of the {@link SpecialAddresses} blocks. */
        Policy PUBLIC_ONLY = address -> SpecialAddresses.forbiddenKind(address.getAddress());
        /** Every address ({@code --allow-private-network}). */
        Policy ANY = address -> Optional.empty();

        /** The kind of a forbidden address in words (e.g. "a loopback address"), or empty when it is allowed. */
        Optional<String> forbiddenKind(InetAddress address);
    }

    /** What one lookup of a host allows. */
    public sealed interface Resolution {
        /** Every address the host resolved to may be connected to. */
        record Allowed(List<InetAddress> addresses) implements Resolution {
            public Allowed {
                addresses = List.copyOf(addresses);
            }
        }

        /** The host may not be connected to; {@code reason} is a sentence naming the cause and what to do. */
        record Refused(Refusal kind, String reason) implements Resolution {}
    }

    /** Why a host was refused. */
    public enum Refusal {
        /** The host has no address (no such host, or the lookup failed). */
        UNRESOLVABLE,
        /** An address of the host is in a blocked range. */
        BLOCKED
    }

    private final Policy policy;
    private final Resolver resolver;

    /** The deployment's guard: every address when private networks are allowed, else only public ones. */
    public AddressGuard(boolean allowPrivateNetwork, Resolver resolver) {
        this(allowPrivateNetwork ? Policy.ANY : Policy.PUBLIC_ONLY, resolver);
    }

    public AddressGuard(Policy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** Looks {@code host} up once (a name, an IPv4 literal, or an IPv6 literal with or without brackets) and judges it. */
    public Resolution resolve(String host) {
        String name = unbracketed(host);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException | RuntimeException e) {
            return new Resolution.Refused(
                    Refusal.UNRESOLVABLE, "Could not resolve " + name + ": no such host (or the DNS lookup failed).");
        }
        if (addresses == null || addresses.length == 0) {
            return new Resolution.Refused(Refusal.UNRESOLVABLE, "Could not resolve " + name + ": no such host.");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = policy.forbiddenKind(address);
            if (kind.isPresent()) {
                return new Resolution.Refused(Refusal.BLOCKED, blocked(address.getHostAddress(), name, kind.get()));
            }
        }
        return new Resolution.Allowed(List.of(addresses));
    }

    /** Why a request to {@code url} must not be sent, as a sentence, or empty when it may be (one lookup). */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("The URL has no host.");
        }
        return switch (resolve(host)) {
            case Resolution.Allowed allowed -> Optional.empty();
            case Resolution.Refused refused -> Optional.of(refused.reason());
        };
    }

    /**
     * Why a request to {@code host} would be refused, judged without any lookup: for an IP literal and for
     * {@code localhost} (and its subdomains, RFC 6761), whose answer is known in advance; empty for any other name,
     * which is judged when it is resolved. Lets a request naming such a target be refused when it is made.
     */
    public Optional<String> knownRefusal(String host) {
        String written = unbracketed(host).toLowerCase(Locale.ROOT);
        // "localhost." is the same name as "localhost" (a fully qualified name with its root dot).
        String name = written.endsWith(".") ? written.substring(0, written.length() - 1) : written;
        try {
            if (name.equals("localhost") || name.endsWith(".localhost")) {
                InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
                return policy.forbiddenKind(loopback).map(kind -> blocked(name, null, kind));
            }
            if (!name.contains(":") && !IPV4_LITERAL.matcher(name).matches()) {
                return Optional.empty();
            }
            // A literal: brackets make the JDK parse it as an IPv6 literal or fail, never look it up.
            InetAddress address = InetAddress.getByName(name.contains(":") ? "[" + name + "]" : name);
            return policy.forbiddenKind(address).map(kind -> blocked(address.getHostAddress(), null, kind));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String blocked(String address, @org.jspecify.annotations.Nullable String host, String kind) {
        return "The address " + address + (host == null || host.equals(address) ? "" : " of " + host) + " is blocked ("
                + kind + "); start the server with " + ALLOW_FLAG + " to reach it.";
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
