package dev.gleaner.jobs;

import java.time.Duration;

/**
 * The rules of one claim.
 *
 * @param leaseFor how long a claimed URL (or seeding task) stays with the worker unless renewed
 * @param perServerLimit the most live leases on one server (host and non-default port), across jobs and processes
 * @param maxAttempts claims of one URL before it fails for good
 * @param defaultGap the least time between two claims of URLs of one server, unless the server's own pacing (robots
 *     Crawl-delay, backoff) asks for more
 */
public record ClaimPolicy(Duration leaseFor, int perServerLimit, int maxAttempts, Duration defaultGap) {
    /** Why a URL whose lease expired after its last attempt fails: its workers kept stopping. */
    public static String stoppedReason(int attempts) {
        return "The worker processing this URL stopped " + attempts + " times";
    }
}
