package dev.gleaner.jobs;

import java.time.Duration;

/**
 * How one process's crawl workers behave.
 *
 * @param workerId unique per process; leases are held in its name
 * @param workers how many URLs this process works on at once
 * @param perHostConcurrency the most live leases on one host, across every process and job
 * @param leaseDuration how long a claimed URL stays with a worker before another may take it over
 * @param maxAttempts claims of one URL before it fails for good (transient failures and lost workers)
 * @param pollInterval how often idle workers look for work another process may have queued
 * @param retryBackoff the delay before the first retry of a transient failure; doubled on each further attempt
 */
public record WorkerSettings(
        String workerId,
        int workers,
        int perHostConcurrency,
        Duration leaseDuration,
        int maxAttempts,
        Duration pollInterval,
        Duration retryBackoff) {}
