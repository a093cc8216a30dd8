package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.gleaner.crawl.FetchOutcome.Failure;
import dev.gleaner.crawl.FetchOutcome.Fetched;
import dev.gleaner.crawl.FetchOutcome.HttpError;
import dev.gleaner.crawl.FetchOutcome.Kind;
import dev.gleaner.testsite.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFetcherIT {
    private static final long CAP = 64 * 1024;
    private static final Duration SHORT_DEADLINE = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final FetchLimits LIMITS =
            new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), CAP, 3, "GleanerTest/1.0");
    private static final AddressGuard ANY_ADDRESS = new AddressGuard(true, InetAddress::getAllByName);

    private TestSite site;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() {
        site = TestSite.builder()
                .generatedPages(3)
                .slowDelay(Duration.ofSeconds(30))
                .bigBodyBytes((int) (4 * CAP))
                .gzipBombBytes(64 * CAP)
                .start();
        fetcher = new HttpFetcher(LIMITS, ANY_ADDRESS);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        site.close();
    }

    @Test
    void fetchesAPageWithItsContentTypeAndSendsItsHeaders() {
        FetchOutcome outcome = fetcher.fetch(site.siteUrl());

        assertThat(outcome).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.finalUrl()).isEqualTo(site.siteUrl());
            assertThat(fetched.contentType()).startsWith("text/html");
            assertThat(new String(fetched.body(), StandardCharsets.UTF_8))
                    .contains("<h1>" + site.site().title(0) + "</h1>");
        });
        TestSite.Request request = site.requests().getFirst();
        assertThat(request.header("User-Agent")).isEqualTo("GleanerTest/1.0");
        assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
        assertThat(request.header("Accept")).startsWith("text/html");
    }

    @Test
    void aMissingPageIsAPermanentHttpError() {
        assertThat(fetcher.fetch(site.url("/missing"))).isInstanceOfSatisfying(HttpError.class, error -> {
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.transientError()).isFalse();
            assertThat(error.retryAfter()).isNull();
        });
    }

    @Test
    void aServerErrorIsATransientHttpError() {
        assertThat(fetcher.fetch(site.url("/error"))).isInstanceOfSatisfying(HttpError.class, error -> {
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.transientError()).isTrue();
        });
    }

    @Test
    void followsARedirectAndReportsTheFinalUrl() {
        FetchOutcome outcome = fetcher.fetch(site.url("/redirect"));

        assertThat(outcome).isInstanceOfSatisfying(Fetched.class, fetched -> assertThat(fetched.finalUrl())
                .isEqualTo(site.siteUrl()));
        assertThat(site.hits("/redirect")).isEqualTo(1);
        assertThat(site.hits("/site/")).isEqualTo(1);
    }

    @Test
    void followsExactlyTheAllowedNumberOfRedirects() {
        assertThat(fetcher.fetch(site.url("/chain/" + LIMITS.maxRedirects()))).isInstanceOf(Fetched.class);
    }

    @Test
    void stopsAfterTooManyRedirects() {
        FetchOutcome outcome = fetcher.fetch(site.url("/chain/" + (LIMITS.maxRedirects() + 2)));

        assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
            assertThat(failure.reason()).contains("more than " + LIMITS.maxRedirects());
        });
        assertThat(site.requests()).hasSize(LIMITS.maxRedirects() + 1);
    }

    @Test
    void detectsARedirectLoopWithoutRevisitingAUrl() {
        FetchOutcome outcome = fetcher.fetch(site.url("/loop/a"));

        assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
            assertThat(failure.reason()).contains("redirect loop");
        });
        assertThat(site.hits("/loop/a")).isEqualTo(1);
        assertThat(site.hits("/loop/b")).isEqualTo(1);
    }

    @Test
    void refusesARedirectToANonHttpUrl() {
        site.redirect("/to-ftp", 302, "ftp://127.0.0.1/file");

        assertThat(fetcher.fetch(site.url("/to-ftp")))
                .isInstanceOfSatisfying(
                        Failure.class, failure -> assertThat(failure.kind()).isEqualTo(Kind.INVALID_URL));
    }

    @Test
    void refusesANonHttpUrl() {
        assertThat(fetcher.fetch(URI.create("ftp://127.0.0.1/file")))
                .isInstanceOfSatisfying(
                        Failure.class, failure -> assertThat(failure.kind()).isEqualTo(Kind.INVALID_URL));
    }

    @Test
    void aDrippingBodyEndsAsATimeoutAtTheDeadline() {
        try (HttpFetcher quick = new HttpFetcher(withDeadline(SHORT_DEADLINE), ANY_ADDRESS)) {
            long started = System.nanoTime();
            FetchOutcome outcome = quick.fetch(site.url("/drip"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
                assertThat(failure.transientError()).isTrue();
            });
            assertThat(took).isBetween(SHORT_DEADLINE.minusMillis(50), SHORT_DEADLINE.plus(MARGIN));
        }
    }

    @Test
    void aSlowServerEndsAsATimeoutAtTheDeadline() {
        try (HttpFetcher quick = new HttpFetcher(withDeadline(SHORT_DEADLINE), ANY_ADDRESS)) {
            long started = System.nanoTime();
            FetchOutcome outcome = quick.fetch(site.url("/slow"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.kind())
                    .isEqualTo(Kind.TIMEOUT));
            assertThat(took).isLessThan(SHORT_DEADLINE.plus(MARGIN));
        }
    }

    @Test
    void aBodyLargerThanTheCapIsTooLarge() {
        assertThat(fetcher.fetch(site.url("/big"))).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(Kind.TOO_LARGE);
            assertThat(failure.reason()).contains(String.valueOf(CAP));
        });
    }

    @Test
    void aDeclaredLengthLargerThanTheCapIsTooLarge() {
        assertThat(fetcher.fetch(site.url("/big-declared")))
                .isInstanceOfSatisfying(
                        Failure.class, failure -> assertThat(failure.kind()).isEqualTo(Kind.TOO_LARGE));
    }

    @Test
    void aGzipBombIsTooLarge() {
        assertThat(fetcher.fetch(site.url("/gzip-bomb")))
                .isInstanceOfSatisfying(
                        Failure.class, failure -> assertThat(failure.kind()).isEqualTo(Kind.TOO_LARGE));
    }

    @Test
    void decodesAGzipBody() throws IOException {
        String html = "<html><body><p>Compressed but readable.</p></body></html>";
        site.route("/gzipped", exchange -> sendGzipped(exchange, html));

        assertThat(fetcher.fetch(site.url("/gzipped"))).isInstanceOfSatisfying(Fetched.class, fetched -> assertThat(
                        new String(fetched.body(), StandardCharsets.UTF_8))
                .isEqualTo(html));
    }

    @Test
    void anUnsupportedContentEncodingIsAFailureNotGarbage() {
        site.respond("/brotli", 200, "text/html", new byte[] {1, 2, 3}, Map.of("Content-Encoding", "br"));

        assertThat(fetcher.fetch(site.url("/brotli")))
                .isInstanceOfSatisfying(
                        Failure.class, failure -> assertThat(failure.reason()).contains("'br'"));
    }

    @Test
    void fetchesABinaryBodyWithItsContentType() {
        assertThat(fetcher.fetch(site.url("/binary"))).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.contentType()).isEqualTo("application/octet-stream");
            assertThat(fetched.body()).hasSize(256);
            assertThat(fetched.body()[255]).isEqualTo((byte) 255);
        });
    }

    @Test
    void parsesRetryAfterSecondsOfA429() {
        assertThat(fetcher.fetch(site.url("/retry-after"))).isInstanceOfSatisfying(HttpError.class, error -> {
            assertThat(error.status()).isEqualTo(429);
            assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(error.transientError()).isTrue();
        });
    }

    @Test
    void parsesRetryAfterDateOfA503AgainstTheClock() {
        site.respond(
                "/unavailable", 503, "text/plain", new byte[0], Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
        Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:27:00Z"), ZoneOffset.UTC);

        try (HttpFetcher clocked = new HttpFetcher(LIMITS, ANY_ADDRESS, clock)) {
            assertThat(clocked.fetch(site.url("/unavailable")))
                    .isInstanceOfSatisfying(HttpError.class, error -> assertThat(error.retryAfter())
                            .isEqualTo(Duration.ofMinutes(1)));
        }
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, TestSite.ADDRESS)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(fetcher.fetch(URI.create("http://127.0.0.1:" + closedPort + "/")))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
                    assertThat(failure.transientError()).isTrue();
                });
    }

    /** A policy that lets only 127.0.0.1 through: the test site stands in for a public server. */
    private static final AddressGuard.Policy ONLY_127_0_0_1 = address ->
            address.getHostAddress().equals("127.0.0.1") ? Optional.empty() : Optional.of("a test-forbidden address");

    @Test
    void refusesARedirectToAPrivateAddressBeforeSendingAnything() throws IOException {
        AddressGuard guard = new AddressGuard(ONLY_127_0_0_1, InetAddress::getAllByName);
        try (ServerSocketChannel watcher = bindWatcherOn127002();
                HttpFetcher guarded = new HttpFetcher(LIMITS, guard)) {
            FetchOutcome outcome = guarded.fetch(site.url("/to-private"));

            assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
                assertThat(failure.reason()).contains("127.0.0.2").contains("--allow-private-network");
            });
            assertThat(site.requests())
                    .extracting(TestSite.Request::pathAndQuery)
                    .containsExactly("/to-private");
            assertThat(watcher.accept()).as("a connection to 127.0.0.2").isNull();
        }
    }

    @Test
    void aRedirectToAnIpv6LiteralIsJudgedByTheGuardNotRefusedAsAnInvalidUrl() {
        site.redirect("/to-ipv6", 302, "http://[::1]:" + site.port() + "/");
        try (HttpFetcher guarded =
                new HttpFetcher(LIMITS, new AddressGuard(ONLY_127_0_0_1, InetAddress::getAllByName))) {
            FetchOutcome outcome = guarded.fetch(site.url("/to-ipv6"));

            assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
                assertThat(failure.reason()).contains("0:0:0:0:0:0:0:1");
            });
        }
    }

    /**
     * DNS rebinding: the name first resolves to a public address (the answer an earlier check saw), then to
     * 127.0.0.1. The fetch resolves once, through the guard, and connects only to what that lookup returned, so the
     * loopback server is never reached. The public address is only ever handed to the earlier check, never to a
     * connection.
     */
    @Test
    void aNameThatRebindsToLoopbackAfterBeingCheckedNeverReachesTheLoopbackServer() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        AddressGuard.Resolver rebinding = host -> {
            if (!host.equals("rebind.test")) {
                throw new UnknownHostException(host);
            }
            return lookups.getAndIncrement() == 0
                    ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                    : new InetAddress[] {TestSite.ADDRESS};
        };
        AddressGuard guard = new AddressGuard(false, rebinding);
        assertThat(guard.resolve("rebind.test")).isInstanceOf(AddressGuard.Resolution.Allowed.class);

        try (HttpFetcher guarded = new HttpFetcher(LIMITS, guard)) {
            FetchOutcome outcome = guarded.fetch(URI.create("http://rebind.test:" + site.port() + "/"));

            assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
                assertThat(failure.reason())
                        .contains("127.0.0.1 of rebind.test")
                        .contains("--allow-private-network");
            });
        }
        assertThat(lookups)
                .as("the check's lookup, then exactly one for the fetch")
                .hasValue(2);
        assertThat(site.requests())
                .as("requests that reached the loopback server")
                .isEmpty();
    }

    @Test
    void connectsToTheAddressTheGuardResolvedAndSendsTheUrlsHost() {
        AtomicInteger lookups = new AtomicInteger();
        AddressGuard.Resolver pinned = host -> {
            lookups.incrementAndGet();
            if (!host.equals("docs.pinned.test")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {TestSite.ADDRESS};
        };
        try (HttpFetcher guarded = new HttpFetcher(LIMITS, new AddressGuard(ONLY_127_0_0_1, pinned))) {
            FetchOutcome outcome = guarded.fetch(URI.create("http://docs.pinned.test:" + site.port() + "/missing"));

            assertThat(outcome).isInstanceOfSatisfying(HttpError.class, error -> assertThat(error.status())
                    .isEqualTo(404));
        }
        assertThat(lookups).hasValue(1);
        assertThat(site.requests()).singleElement().satisfies(request -> assertThat(request.header("Host"))
                .isEqualTo("docs.pinned.test:" + site.port()));
    }

    @Test
    void aHostThatDoesNotResolveIsAnUnknownHostFailure() {
        try (HttpFetcher guarded = new HttpFetcher(LIMITS, new AddressGuard(true, host -> {
            throw new UnknownHostException(host);
        }))) {
            assertThat(guarded.fetch(URI.create("http://nowhere.test/"))).isInstanceOfSatisfying(Failure.class, f -> {
                assertThat(f.kind()).isEqualTo(Kind.UNKNOWN_HOST);
                assertThat(f.reason()).contains("nowhere.test").contains("no such host");
                assertThat(f.transientError()).isTrue();
            });
        }
    }

    @Test
    void refusesTheLoopbackSiteWhenPrivateNetworksAreNotAllowed() {
        try (HttpFetcher guarded = new HttpFetcher(LIMITS, new AddressGuard(false, InetAddress::getAllByName))) {
            FetchOutcome outcome = guarded.fetch(site.siteUrl());

            assertThat(outcome).isInstanceOfSatisfying(Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
                assertThat(failure.reason()).contains("loopback");
            });
            assertThat(site.requests()).isEmpty();
        }
    }

    /** A non-blocking listener on 127.0.0.2 at the site's port: it only observes, and must see no connection. */
    private ServerSocketChannel bindWatcherOn127002() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), site.port()));
        } catch (IOException e) {
            channel.close();
            Assumptions.abort("127.0.0.2 cannot be bound on this machine: " + e.getMessage());
        }
        channel.configureBlocking(false);
        return channel;
    }

    private static FetchLimits withDeadline(Duration deadline) {
        return new FetchLimits(
                LIMITS.connectTimeout(), deadline, LIMITS.maxBodyBytes(), LIMITS.maxRedirects(), LIMITS.userAgent());
    }

    private static void sendGzipped(HttpExchange exchange, String text) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, compressed.size());
        exchange.getResponseBody().write(compressed.toByteArray());
    }
}
