package dev.gleaner.testsite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on 127.0.0.1 (a free port) for tests. It records every request it receives, so tests can assert
 * what was fetched and that nothing was fetched twice, and serves these routes:
 *
 * <ul>
 *   <li>{@code /site/…}: a generated, linked site of N pages ({@link GeneratedSite}); {@code /} links to it
 *   <li>{@code /slow}: a page answered after {@link Builder#slowDelay}
 *   <li>{@code /missing}: 404; {@code /error}: 500; any unregistered path: 404
 *   <li>{@code /redirect}: 302 to {@code /site/}; {@code /loop/a} ↔ {@code /loop/b}: a redirect loop;
 *       {@code /chain/<n>}: 302 to {@code /chain/<n-1>}, and {@code /chain/0} is a page
 *   <li>{@code /drip}: 200, then one byte every {@link #DRIP_INTERVAL} for {@link #DRIP_LENGTH}
 *   <li>{@code /big}: a chunked body of {@link Builder#bigBodyBytes} bytes (no length declared);
 *       {@code /big-declared}: the same with its {@code Content-Length}
 *   <li>{@code /gzip-bomb}: a small gzip-encoded body that inflates to {@link Builder#gzipBombBytes} bytes
 *   <li>{@code /out}: a page linking to other hosts ({@code http://127.0.0.2:<port>/x}, {@code http://example.invalid/}),
 *       to {@code /site/}, and to the in-scope pages {@code /out/a.html} and {@code /out/b.html}
 *   <li>{@code /binary}: 256 bytes of {@code application/octet-stream}
 *   <li>{@code /retry-after}: 429 with {@code Retry-After: 1}
 *   <li>{@code /to-private}: 302 to {@code http://127.0.0.2:<port>/}, for tests whose address guard must refuse it
 *   <li>{@link #ROBOTS}: none (404) unless {@link Builder#robots} or {@link Builder#robotsStatus} asks for one
 *   <li>{@link #SITEMAP_INDEX}: a sitemap index listing {@link #SITEMAP_PAGES} (XML) and {@link #SITEMAP_MORE_GZ} (XML,
 *       gzip-compressed, served as {@code application/gzip}); {@link #SITEMAP_TEXT}: a plain-text sitemap. Which
 *       generated pages each lists: {@link #listedIn}; the two of the index share one page
 *   <li>{@link #CALENDAR_START}: a calendar trap; every {@code /calendar/<year>/<month>} page links to the month before
 *       and after it
 *   <li>{@code /variants}: links to one page under several names ({@code /site/}, {@code /site},
 *       {@code /site/index.html}, tracking parameters); {@code /site} answers 301 to {@code /site/}, and
 *       {@code /site/index.html} serves the first generated page
 *   <li>{@code /canonical-dup}: the text of generated page 1, whose {@code <link rel=canonical>} names page 1
 *   <li>{@code /noindex}, {@code /nofollow}: pages with that {@code <meta name=robots>}, linking to {@code /out/a.html}
 *       and {@code /out/b.html}
 * </ul>
 *
 * More routes can be registered while it runs ({@link #page}, {@link #respond}, {@link #redirect}, {@link #route},
 * {@link #routeUnder}); a registered path replaces a built-in one. Routes match the path exactly (the query is ignored
 * for matching); a path with no exact route goes to the route registered under its longest prefix, if any.
 */
public final class TestSite implements AutoCloseable {
    public static final Duration DRIP_INTERVAL = Duration.ofMillis(200);
    public static final Duration DRIP_LENGTH = Duration.ofMinutes(5);
    public static final String HOST = "127.0.0.1";
    /** {@link #HOST} as an address, made without a name lookup. */
    public static final InetAddress ADDRESS = loopback();

    public static final String ROBOTS = "/robots.txt";
    public static final String SITEMAP_INDEX = "/sitemap-index.xml";
    public static final String SITEMAP_PAGES = "/sitemap-pages.xml";
    public static final String SITEMAP_MORE_GZ = "/sitemap-more.xml.gz";
    public static final String SITEMAP_TEXT = "/sitemap.txt";
    public static final String CALENDAR_START = "/calendar/2026/11";

    /** One request as the server received it; header names lower-cased, first value only. */
    public record Request(String method, String pathAndQuery, Map<String, String> headers, Instant at) {
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The fixed settings of a site; routes are added after it started. */
    public static final class Builder {
        private int pages = 5;
        private Duration slowDelay = Duration.ofSeconds(5);
        private int bigBodyBytes = 2 * 1024 * 1024;
        private long gzipBombBytes = 32L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();
        private @Nullable String robotsBody;
        private int robotsStatus = 404;

        private Builder() {}

        /** Serves {@code body} as {@code /robots.txt} (200, {@code text/plain}). */
        public Builder robots(String body) {
            this.robotsBody = body;
            this.robotsStatus = 200;
            return this;
        }

        /** Answers {@code /robots.txt} with {@code status} (with the {@link #robots} body, or a line of text). */
        public Builder robotsStatus(int status) {
            this.robotsStatus = status;
            return this;
        }

        public Builder generatedPages(int pages) {
            this.pages = pages;
            return this;
        }

        public Builder slowDelay(Duration slowDelay) {
            this.slowDelay = slowDelay;
            return this;
        }

        public Builder bigBodyBytes(int bigBodyBytes) {
            this.bigBodyBytes = bigBodyBytes;
            return this;
        }

        public Builder gzipBombBytes(long gzipBombBytes) {
            this.gzipBombBytes = gzipBombBytes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TestSite start() {
            return new TestSite(this);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;
    private final GeneratedSite site;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final Map<String, HttpHandler> prefixRoutes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private TestSite(Builder builder) {
        this.clock = builder.clock;
        this.site = new GeneratedSite(builder.pages);
        try {
            server = HttpServer.create(new InetSocketAddress(ADDRESS, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::dispatch);
        new BuiltInRoutes(this, builder.slowDelay, builder.bigBodyBytes, builder.gzipBombBytes).register();
        new CrawlFixtureRoutes(this, builder.robotsBody, builder.robotsStatus).register();
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A site with the default settings (5 generated pages). */
    public static TestSite start() {
        return builder().start();
    }

    /** A site whose generated part has {@code pages} pages. */
    public static TestSite withGeneratedSite(int pages) {
        return builder().generatedPages(pages).start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String origin() {
        return "http://" + HOST + ":" + port();
    }

    /** The absolute URL of {@code pathAndQuery} (which starts with {@code /}) on this site. */
    public URI url(String pathAndQuery) {
        return URI.create(origin() + pathAndQuery);
    }

    /** The generated site's pages. */
    public GeneratedSite site() {
        return site;
    }

    /** The URL of the generated site's first page, {@code /site/}. */
    public URI siteUrl() {
        return url(GeneratedSite.ROOT);
    }

    /** The URLs of all generated pages, page 0 first. */
    public List<URI> sitePages() {
        return IntStream.range(0, site.pageCount())
                .mapToObj(i -> url(GeneratedSite.path(i)))
                .toList();
    }

    /**
     * The generated pages a sitemap of this site lists, in its order: {@link #SITEMAP_PAGES} the first half (rounded
     * up), {@link #SITEMAP_MORE_GZ} the rest starting again with the last page of the first half, {@link #SITEMAP_TEXT}
     * all of them; none for any other path.
     */
    public List<URI> listedIn(String sitemapPath) {
        List<URI> pages = sitePages();
        int half = (pages.size() + 1) / 2;
        return switch (sitemapPath) {
            case SITEMAP_PAGES -> pages.subList(0, half);
            case SITEMAP_MORE_GZ -> pages.subList(half - 1, pages.size());
            case SITEMAP_TEXT -> pages;
            default -> List.of();
        };
    }

    /** Every request received so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests asked for exactly {@code pathAndQuery}. */
    public int hits(String pathAndQuery) {
        return (int) requests.stream()
                .filter(request -> request.pathAndQuery().equals(pathAndQuery))
                .count();
    }

    /** Serves {@code html} as {@code text/html; charset=utf-8} at {@code path}. */
    public TestSite page(String path, String html) {
        return respond(path, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Serves a fixed response at {@code path}. */
    public TestSite respond(String path, int status, String contentType, byte[] body, Map<String, String> headers) {
        return route(path, exchange -> {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        });
    }

    /** Answers {@code path} with {@code status} and {@code Location: location}. */
    public TestSite redirect(String path, int status, String location) {
        return route(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    /** Answers {@code path} with {@code handler}; the exchange is closed after it returns. */
    public TestSite route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Answers every path that starts with {@code prefix} and has no exact route of its own with {@code handler}. */
    public TestSite routeUnder(String prefix, HttpHandler handler) {
        prefixRoutes.put(prefix, handler);
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String pathAndQuery = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        requests.add(new Request(exchange.getRequestMethod(), pathAndQuery, headersOf(exchange), clock.instant()));
        try (exchange) {
            HttpHandler handler = routes.get(uri.getPath());
            if (handler == null) {
                handler = underPrefix(uri.getPath());
            }
            handler.handle(exchange);
        }
    }

    private HttpHandler underPrefix(String path) {
        return prefixRoutes.entrySet().stream()
                .filter(route -> path.startsWith(route.getKey()))
                .max(Comparator.comparingInt(route -> route.getKey().length()))
                .map(Map.Entry::getValue)
                .orElseGet(BuiltInRoutes::notFound);
    }

    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.getFirst());
            }
        });
        return Map.copyOf(headers);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
