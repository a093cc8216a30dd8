package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The crawl workers of one process and the limits of one fetch ({@link CrawlSetting}).
 *
 * @param workers URLs this process works on at once
 * @param lease how long a claimed URL stays with a worker unless renewed
 * @param maxAttempts attempts per URL for transient failures
 * @param pollInterval how often idle workers look for claimable URLs (not a flag: new work wakes them at once)
 * @param fetchTimeout the hard deadline of one fetch, body included
 * @param maxPageBytes the largest page body read, decompressed
 * @param userAgent the crawler's User-Agent
 * @param removalGrace how long a dataset a complete sync no longer found stays before it is deleted (0: at once)
 */
public record CrawlConfig(
        int workers,
        Duration lease,
        int maxAttempts,
        Duration pollInterval,
        Duration fetchTimeout,
        long maxPageBytes,
        String userAgent,
        Duration removalGrace) {

    /** A configuration that deletes what a sync no longer finds at once. */
    public CrawlConfig(
            int workers,
            Duration lease,
            int maxAttempts,
            Duration pollInterval,
            Duration fetchTimeout,
            long maxPageBytes,
            String userAgent) {
        this(workers, lease, maxAttempts, pollInterval, fetchTimeout, maxPageBytes, userAgent, Duration.ZERO);
    }

    /** How often idle workers look for work when nothing wakes them. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** The table's defaults. */
    public static CrawlConfig defaults() {
        return new CrawlConfig(
                CrawlSetting.WORKERS.defaultInt(),
                Duration.ofSeconds(CrawlSetting.LEASE_SECONDS.defaultLong()),
                CrawlSetting.MAX_ATTEMPTS.defaultInt(),
                POLL_INTERVAL,
                Duration.ofSeconds(CrawlSetting.FETCH_TIMEOUT_SECONDS.defaultLong()),
                CrawlSetting.MAX_PAGE_BYTES.defaultLong(),
                CrawlSetting.USER_AGENT.required(),
                Duration.ofSeconds(CrawlSetting.REMOVAL_GRACE_SECONDS.defaultLong()));
    }

    /** This configuration with {@code count} workers. */
    public CrawlConfig withWorkers(int count) {
        return new CrawlConfig(
                count, lease, maxAttempts, pollInterval, fetchTimeout, maxPageBytes, userAgent, removalGrace);
    }

    /** This configuration with another lease. */
    public CrawlConfig withLease(Duration duration) {
        return new CrawlConfig(
                workers, duration, maxAttempts, pollInterval, fetchTimeout, maxPageBytes, userAgent, removalGrace);
    }

    /** This configuration with another removal grace period. */
    public CrawlConfig withRemovalGrace(Duration grace) {
        return new CrawlConfig(workers, lease, maxAttempts, pollInterval, fetchTimeout, maxPageBytes, userAgent, grace);
    }

    void check(Problems problems) {
        problems.inRange(CrawlSetting.WORKERS, workers);
        problems.inRange(CrawlSetting.LEASE_SECONDS, lease, TimeUnit.SECONDS);
        problems.inRange(CrawlSetting.MAX_ATTEMPTS, maxAttempts);
        problems.require(pollInterval.isPositive(), "the workers' poll interval must be positive, was " + pollInterval);
        problems.inRange(CrawlSetting.FETCH_TIMEOUT_SECONDS, fetchTimeout, TimeUnit.SECONDS);
        problems.inRange(CrawlSetting.MAX_PAGE_BYTES, maxPageBytes);
        problems.require(!userAgent.isBlank(), "--user-agent must not be blank");
        problems.inRange(CrawlSetting.REMOVAL_GRACE_SECONDS, removalGrace, TimeUnit.SECONDS);
    }
}
