package dev.gleaner.crawl;

import java.time.Duration;

/**
 * Named limits of {@link RobotsPolicy}.
 *
 * @param lifetime how long the rules of a server that answered (robots.txt loaded, or 4xx/missing) are kept
 * @param unavailableLifetime how long an unavailable robots.txt (5xx, 429, timeout, connection error) is remembered
 *     before it is fetched again; short, so a server that was briefly down is not shut out for long
 * @param maxCrawlDelay the longest {@code Crawl-delay} honoured; a larger one is cut to it
 * @param maxRobotsBytes how much of a robots.txt body is parsed; RFC 9309 §2.5 asks crawlers to parse at least 500 KiB
 * @param maxCachedServers how many servers' rules are kept; beyond it, expired and then the oldest entries are dropped
 */
public record RobotsLimits(
        Duration lifetime,
        Duration unavailableLifetime,
        Duration maxCrawlDelay,
        int maxRobotsBytes,
        int maxCachedServers) {
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    public static final Duration DEFAULT_UNAVAILABLE_LIFETIME = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MAX_CRAWL_DELAY = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ROBOTS_BYTES = 500 * 1024;
    public static final int DEFAULT_MAX_CACHED_SERVERS = 10_000;

    public static final RobotsLimits DEFAULTS = new RobotsLimits(
            DEFAULT_LIFETIME,
            DEFAULT_UNAVAILABLE_LIFETIME,
            DEFAULT_MAX_CRAWL_DELAY,
            DEFAULT_MAX_ROBOTS_BYTES,
            DEFAULT_MAX_CACHED_SERVERS);

    public RobotsLimits {
        if (lifetime.isNegative() || unavailableLifetime.isNegative() || maxCrawlDelay.isNegative()) {
            throw new IllegalArgumentException("robots.txt lifetimes and the crawl delay cap must not be negative");
        }
        if (maxRobotsBytes < 1 || maxCachedServers < 1) {
            throw new IllegalArgumentException("robots.txt byte and server caps must be positive");
        }
    }
}
