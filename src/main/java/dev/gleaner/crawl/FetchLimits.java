package dev.gleaner.crawl;

import java.time.Duration;

/**
 * Named limits of one fetch. {@code deadline} bounds the whole exchange, body included (a slow-drip body ends as a
 * timeout); {@code maxBodyBytes} caps what is read (a larger body ends as {@code TOO_LARGE}).
 */
public record FetchLimits(
        Duration connectTimeout, Duration deadline, long maxBodyBytes, int maxRedirects, String userAgent) {
    /** The longest wait for a connection (the deadline, body size and User-Agent are configured). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The most redirects followed for one fetch. */
    public static final int MAX_REDIRECTS = 5;
    /** The setting of {@code maxBodyBytes}, named in the reason of a body over it. */
    public static final String MAX_BODY_FLAG = "--max-page-bytes";
}
