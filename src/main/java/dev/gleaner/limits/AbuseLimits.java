package dev.gleaner.limits;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Every abuse limit of a deployment, as configured (the limit flags of {@code serve}). A count or amount of 0
 * switches that limit off.
 *
 * @param requestsPerSecond requests per second one developer key may make to one process, on average (token refill)
 * @param requestBurst the most requests one key may make at once (the bucket's size); also {@code X-RateLimit-Limit}
 * @param authFailures failed authentications one client address may make per {@code authFailureWindow} in one
 *     process; beyond them its requests are answered 429 without a key check until the window ends
 * @param authFailureWindow the window failed authentications are counted in
 * @param streamsPerOwner job events streams one owner may have open at once in one process
 * @param unfinishedJobsPerOwner crawl/import jobs one owner may have queued or running at once, across processes
 * @param pagesPerDay page fetches of one owner's jobs per UTC day, across processes
 * @param uploadBytesPerDay bytes of files one owner may upload per UTC day, across processes
 * @param clientAddressHeader the request header a reverse proxy puts the client's address in (e.g. {@code X-Real-IP};
 *     of a list such as {@code X-Forwarded-For} the first entry), trusted for the failed-authentication throttle;
 *     null: the connection's address
 */
public record AbuseLimits(
        double requestsPerSecond,
        int requestBurst,
        int authFailures,
        Duration authFailureWindow,
        int streamsPerOwner,
        int unfinishedJobsPerOwner,
        long pagesPerDay,
        long uploadBytesPerDay,
        @Nullable String clientAddressHeader) {

    /** No limit at all. */
    public static final AbuseLimits NONE = new AbuseLimits(0, 0, 0, Duration.ofMinutes(1), 0, 0, 0, 0, null);

    public AbuseLimits {
        if (requestsPerSecond < 0 || requestBurst < 0 || authFailures < 0 || streamsPerOwner < 0) {
            throw new IllegalArgumentException("Abuse limits must not be negative");
        }
        if (unfinishedJobsPerOwner < 0 || pagesPerDay < 0 || uploadBytesPerDay < 0) {
            throw new IllegalArgumentException("Abuse limits must not be negative");
        }
        if ((requestsPerSecond == 0) != (requestBurst == 0)) {
            throw new IllegalArgumentException(
                    "requestsPerSecond and requestBurst must both be 0 (no rate limit) or both positive");
        }
        if (authFailureWindow.isNegative() || authFailureWindow.isZero()) {
            throw new IllegalArgumentException("authFailureWindow must be positive: " + authFailureWindow);
        }
    }

    /** These limits with another request rate. */
    public AbuseLimits withRequestRate(double perSecond, int burst) {
        return new AbuseLimits(
                perSecond,
                burst,
                authFailures,
                authFailureWindow,
                streamsPerOwner,
                unfinishedJobsPerOwner,
                pagesPerDay,
                uploadBytesPerDay,
                clientAddressHeader);
    }

    /** These limits with another failed-authentication allowance. */
    public AbuseLimits withAuthFailures(int failures, Duration window) {
        return new AbuseLimits(
                requestsPerSecond,
                requestBurst,
                failures,
                window,
                streamsPerOwner,
                unfinishedJobsPerOwner,
                pagesPerDay,
                uploadBytesPerDay,
                clientAddressHeader);
    }

    /** These limits with other per-owner limits. */
    public AbuseLimits withOwnerLimits(int streams, int unfinishedJobs, long pages, long uploadBytes) {
        return new AbuseLimits(
                requestsPerSecond,
                requestBurst,
                authFailures,
                authFailureWindow,
                streams,
                unfinishedJobs,
                pages,
                uploadBytes,
                clientAddressHeader);
    }
}
