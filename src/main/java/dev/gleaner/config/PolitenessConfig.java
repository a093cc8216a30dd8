package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How hard one web server is crawled, across every job and process ({@link PolitenessSetting}).
 *
 * @param perHostConcurrency the most requests in flight to one host
 * @param crawlDelay the least time between two requests to one server (robots.txt Crawl-delay may ask for more)
 */
public record PolitenessConfig(int perHostConcurrency, Duration crawlDelay) {

    /** The table's defaults. */
    public static PolitenessConfig defaults() {
        return new PolitenessConfig(
                PolitenessSetting.PER_HOST_CONCURRENCY.defaultInt(),
                Duration.ofMillis(PolitenessSetting.CRAWL_DELAY_MS.defaultLong()));
    }

    void check(Problems problems) {
        problems.inRange(PolitenessSetting.PER_HOST_CONCURRENCY, perHostConcurrency);
        problems.inRange(PolitenessSetting.CRAWL_DELAY_MS, crawlDelay, TimeUnit.MILLISECONDS);
    }
}
