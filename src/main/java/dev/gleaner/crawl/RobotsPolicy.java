package dev.gleaner.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.gleaner.crawl.FetchOutcome.Failure;
import dev.gleaner.crawl.FetchOutcome.Fetched;
import dev.gleaner.crawl.FetchOutcome.HttpError;
import dev.gleaner.crawl.FetchOutcome.Kind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The robots.txt rules of each server (scheme, host and port, as RFC 9309 scopes them), fetched through the given
 * {@link Fetcher} so that the address guard, redirects, deadline and body cap of every fetch apply, parsed by
 * crawler-commons' {@link SimpleRobotRulesParser} for one product token (its group, or else {@code *}), and cached:
 *
 * <ul>
 *   <li>a 2xx answer is {@link RobotsRules.Status#LOADED}; only the first {@link RobotsLimits#maxRobotsBytes()} bytes
 *       are parsed;
 *   <li>a 4xx answer other than 429, and more redirects than the fetcher follows, are
 *       {@link RobotsRules.Status#ALLOW_ALL} (RFC 9309 §2.3.1.2–3);
 *   <li>5xx, 429, timeouts and over-large bodies are {@link RobotsRules.Status#UNAVAILABLE} (RFC 9309 §2.3.1.4:
 *       complete disallow while it lasts);
 *   <li>a server that cannot be reached (connection refused or reset, TLS failure, no such host) is
 *       {@link RobotsRules.Status#UNREACHABLE}, and one whose address the guard refuses is
 *       {@link RobotsRules.Status#BLOCKED}: network failures, reported as such, not as robots.txt answers.
 * </ul>
 *
 * Rules other than loaded or allow-all allow nothing and are kept only for {@link RobotsLimits#unavailableLifetime()},
 * so the file is tried again soon.
 *
 * Other answers are kept for {@link RobotsLimits#lifetime()}. Callers asking about one server at the same time share one
 * fetch; the cache (a map of futures, at most {@link RobotsLimits#maxCachedServers()} servers) is written out here, as
 * crawler-commons fetches and caches nothing and no caching library is among the dependencies. The {@code Crawl-delay} is capped here at {@link RobotsLimits#maxCrawlDelay()} rather than by the parser,
 * because crawler-commons treats a delay above its own maximum as "disallow everything" and drops the rules. Thread-safe.
 */
public final class RobotsPolicy {
    private static final Pattern PRODUCT_TOKEN = Pattern.compile("[A-Za-z_-]+");
    private static final int MAX_PARSE_WARNINGS = 5;

    private final Fetcher fetcher;
    private final String productToken;
    private final Clock clock;
    private final RobotsLimits limits;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /**
     * @param productToken the crawler's name as robots.txt groups name it (RFC 9309: letters, {@code _} and {@code -}),
     *     e.g. {@code GleanerBot}; matched case-insensitively
     * @throws IllegalArgumentException when the product token has other characters
     */
    public RobotsPolicy(Fetcher fetcher, String productToken, Clock clock, RobotsLimits limits) {
        if (!PRODUCT_TOKEN.matcher(productToken).matches()) {
            throw new IllegalArgumentException(
                    "A robots.txt product token may only hold letters, '_' and '-', not '" + productToken + "'.");
        }
        this.fetcher = fetcher;
        this.productToken = productToken.toLowerCase(Locale.ROOT);
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * The rules of {@code url}'s server, fetching its robots.txt when they are not cached or have expired. A URL
     * without an http(s) scheme or host gets {@link RobotsRules.Status#UNAVAILABLE} rules, uncached.
     */
    public RobotsRules rulesFor(URI url) {
        return rulesFor(url, SiteHeaders.NONE);
    }

    /**
     * The rules of {@code url}'s server as read with the headers {@code headers} gives for its robots.txt (a site
     * behind a login may serve another robots.txt to a signed-in crawler). Rules read with headers are cached apart
     * from those read without, keyed by a digest of the headers, never by their values.
     */
    public RobotsRules rulesFor(URI url, SiteHeaders headers) {
        Optional<String> server = serverOf(url);
        if (server.isEmpty()) {
            return RobotsRules.unavailable("The URL " + url + " has no http(s) server to ask for robots.txt.");
        }
        URI robotsUrl = URI.create(server.get() + "/robots.txt");
        String key = server.get() + HeaderDigest.of(headers.forUrl(robotsUrl));
        Instant now = clock.instant();
        Entry fresh = new Entry(now);
        Entry entry = cache.compute(key, (k, cached) -> cached != null && cached.freshAt(now) ? cached : fresh);
        if (entry == fresh) {
            trim();
            entry.load(() -> load(robotsUrl, headers));
        }
        return entry.await();
    }

    private Loaded load(URI robotsUrl, SiteHeaders headers) {
        RobotsRules rules;
        try {
            rules = rulesFrom(fetcher.fetch(robotsUrl, headers));
        } catch (RuntimeException e) {
            rules = RobotsRules.unavailable("robots.txt could not be read: " + e + ".");
        }
        Duration lifetime = rules.status().answered() ? limits.lifetime() : limits.unavailableLifetime();
        return new Loaded(rules, clock.instant().plus(lifetime));
    }

    private RobotsRules rulesFrom(FetchOutcome outcome) {
        return switch (outcome) {
            case Fetched fetched -> parsed(fetched);
            case HttpError error
            when error.transientError() -> RobotsRules.unavailable("robots.txt answered HTTP " + error.status() + ".");
            case HttpError error ->
                RobotsRules.allowAll("robots.txt answered HTTP " + error.status() + ", so every URL is allowed.");
            case Failure failure
            when failure.kind() == Kind.TOO_MANY_REDIRECTS ->
                RobotsRules.allowAll("robots.txt could not be reached through its redirects (" + failure.reason()
                        + "), so every URL is allowed.");
            case Failure failure
            when failure.kind() == Kind.BLOCKED_ADDRESS ->
                RobotsRules.unreachable(RobotsRules.Status.BLOCKED, failure.reason());
            case Failure failure
            when failure.kind() == Kind.CONNECTION || failure.kind() == Kind.UNKNOWN_HOST ->
                RobotsRules.unreachable(RobotsRules.Status.UNREACHABLE, failure.reason());
            case Failure failure -> RobotsRules.unavailable("robots.txt could not be read: " + failure.reason());
            // robots.txt is always fetched unconditionally; a fetcher answering 304 anyway has nothing to parse.
            case FetchOutcome.NotModified notModified ->
                RobotsRules.unavailable("robots.txt answered 304 to a request that was not conditional.");
        };
    }

    private RobotsRules parsed(Fetched fetched) {
        byte[] body = fetched.body();
        byte[] parsedPart = body.length > limits.maxRobotsBytes() ? Arrays.copyOf(body, limits.maxRobotsBytes()) : body;
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser(Long.MAX_VALUE, MAX_PARSE_WARNINGS);
        SimpleRobotRules rules = parser.parseContent(
                fetched.finalUrl().toString(), parsedPart, fetched.contentType(), List.of(productToken));
        String detail = "robots.txt was loaded from " + fetched.finalUrl()
                + (parsedPart.length < body.length
                        ? " (only its first " + parsedPart.length + " bytes were read)."
                        : ".");
        return new RobotsRules(
                RobotsRules.Status.LOADED, crawlDelayOf(rules), rules.getSitemaps(), detail, rules::isAllowed);
    }

    private Duration crawlDelayOf(BaseRobotRules rules) {
        long millis = rules.getCrawlDelay();
        if (millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis <= 0) {
            return Duration.ZERO;
        }
        Duration delay = Duration.ofMillis(millis);
        return delay.compareTo(limits.maxCrawlDelay()) > 0 ? limits.maxCrawlDelay() : delay;
    }

    /** Keeps the cache within its cap: drops expired entries, then the oldest finished ones. */
    private void trim() {
        if (cache.size() <= limits.maxCachedServers()) {
            return;
        }
        Instant now = clock.instant();
        cache.values().removeIf(entry -> !entry.freshAt(now));
        int excess = cache.size() - limits.maxCachedServers();
        if (excess > 0) {
            cache.entrySet().stream()
                    .filter(e -> e.getValue().finished())
                    .sorted(Comparator.comparing(e -> e.getValue().createdAt))
                    .limit(excess)
                    .toList()
                    .forEach(e -> cache.remove(e.getKey(), e.getValue()));
        }
    }

    /** {@code scheme://host[:port]} in lower case, without the scheme's default port. */
    private static Optional<String> serverOf(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if ((!scheme.equals("http") && !scheme.equals("https")) || host == null || host.isEmpty()) {
            return Optional.empty();
        }
        int port = url.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    private record Loaded(RobotsRules rules, Instant expiresAt) {}

    /** One server's rules, being fetched or fetched; everyone who finds it in the cache waits for the same fetch. */
    private static final class Entry {
        final Instant createdAt;
        private final CompletableFuture<Loaded> loaded = new CompletableFuture<>();

        Entry(Instant createdAt) {
            this.createdAt = createdAt;
        }

        void load(Supplier<Loaded> loader) {
            try {
                loaded.complete(loader.get());
            } catch (RuntimeException | Error e) {
                // Waiting callers must not hang on a fetch that will never finish.
                loaded.completeExceptionally(e);
                throw e;
            }
        }

        boolean finished() {
            return loaded.isDone();
        }

        /** Still being fetched, or fetched and not yet expired. */
        boolean freshAt(Instant now) {
            if (!loaded.isDone()) {
                return true;
            }
            return !loaded.isCompletedExceptionally()
                    && now.isBefore(loaded.join().expiresAt());
        }

        RobotsRules await() {
            try {
                return loaded.get().rules();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RobotsRules.unavailable("Waiting for robots.txt was interrupted.");
            } catch (ExecutionException e) {
                return RobotsRules.unavailable("robots.txt could not be read: " + e.getCause() + ".");
            }
        }
    }
}
