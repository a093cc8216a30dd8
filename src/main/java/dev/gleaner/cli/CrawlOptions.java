package dev.gleaner.cli;

import dev.gleaner.config.CrawlConfig;
import dev.gleaner.config.PolitenessConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The crawl workers, the limits of one fetch and politeness. Defaults: {@link SettingDefaults}. */
final class CrawlOptions {
    @Option(names = "--workers", description = "URLs processed at once.")
    int workers;

    @Option(
            names = "--lease-seconds",
            description =
                    "How long a claimed URL stays with a worker unless renewed (workers renew every third of it).")
    long leaseSeconds;

    @Option(names = "--max-attempts", description = "Attempts per URL for transient failures.")
    int maxAttempts;

    @Option(names = "--fetch-timeout-seconds", description = "Hard deadline of one fetch, body included.")
    long fetchTimeoutSeconds;

    @Option(names = "--max-page-bytes", description = "Largest page body read (decompressed).")
    long maxPageBytes;

    @Option(names = "--user-agent", description = "User-Agent sent by the crawler.")
    @SuppressWarnings("NullAway.Init")
    String userAgent;

    @Option(
            names = "--removal-grace-seconds",
            description = "How long a dataset a complete sync no longer found stays (still searchable) before it is"
                    + " deleted; 0 deletes it at once.")
    long removalGraceSeconds;

    @Option(names = "--per-host-concurrency", description = "Most requests in flight to one host.")
    int perHostConcurrency;

    @Option(
            names = "--crawl-delay-ms",
            description = "Least time between two requests to one server; robots.txt Crawl-delay may ask for more.")
    long crawlDelayMillis;

    CrawlConfig crawl() {
        return new CrawlConfig(
                workers,
                Duration.ofSeconds(leaseSeconds),
                maxAttempts,
                CrawlConfig.POLL_INTERVAL,
                Duration.ofSeconds(fetchTimeoutSeconds),
                maxPageBytes,
                userAgent,
                Duration.ofSeconds(removalGraceSeconds));
    }

    PolitenessConfig politeness() {
        return new PolitenessConfig(perHostConcurrency, Duration.ofMillis(crawlDelayMillis));
    }
}
