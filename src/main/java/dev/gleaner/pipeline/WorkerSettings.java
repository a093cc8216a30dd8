package dev.gleaner.pipeline;

import dev.gleaner.jobs.ClaimPolicy;
import java.time.Duration;

/**
 * How one process's crawl workers behave.
 *
 * @param workerId unique per process; leases are held in its name
 * @param workers how many URLs this process works on at once
 * @param perHostConcurrency the most live leases on one server (host and non-default port), across every process
 * @param leaseDuration how long a claimed URL stays with a worker unless renewed; workers renew the leases of pages
 *     in progress every third of it, so after a crash the URL is taken over within about this time
 * @param maxAttempts claims of one URL before it fails for good (transient failures and lost workers)
 * @param pollInterval how often idle workers look for work another process may have queued
 * @param retryBackoff the delay before the first retry of a transient failure; doubled on each further attempt
 * @param maxRetryAfter the longest {@code Retry-After} honoured for one URL (a longer one is capped)
 * @param defaultGap the least time between two requests to one server (politeness delay); robots.txt
 *     {@code Crawl-delay} may ask for more
 */
public record WorkerSettings(
        String workerId,
        int workers,
        int perHostConcurrency,
        Duration leaseDuration,
        int maxAttempts,
        Duration pollInterval,
        Duration retryBackoff,
        Duration maxRetryAfter,
        Duration defaultGap) {

    ClaimPolicy claimPolicy() {
        return new ClaimPolicy(leaseDuration, perHostConcurrency, maxAttempts, defaultGap);
    }
}
