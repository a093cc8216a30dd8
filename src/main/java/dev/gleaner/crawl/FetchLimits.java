package dev.gleaner.crawl;

import java.time.Duration;

/**
 * Named limits of one fetch. {@code deadline} bounds the whole exchange, body included (a slow-drip body ends as a
 * timeout); {@code maxBodyBytes} caps what is read (a larger body ends as {@code TOO_LARGE}).
 */
public record FetchLimits(
        Duration connectTimeout, Duration deadline, long maxBodyBytes, int maxRedirects, String userAgent) {
    public static final FetchLimits DEFAULTS = new FetchLimits(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            10L * 1024 * 1024,
            5,
            "GleanerBot/0.1 (+https://github.com/gleaner-kb/gleaner)");
}
