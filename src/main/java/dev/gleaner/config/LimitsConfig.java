package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The abuse limits ({@link LimitSetting}). A count or amount of 0 switches that limit off.
 *
 * @param requestsPerSecond requests per second one developer key may make to one process, on average
 * @param requestBurst the most requests one key may make at once
 * @param authFailures failed authentications one client address may make per window in one process
 * @param authFailureWindow the window failed authentications are counted in
 * @param streamsPerOwner job events streams one owner may have open at once in one process
 * @param unfinishedJobsPerOwner crawl/import jobs one owner may have queued or running at once, across processes
 * @param pagesPerDay page fetches of one owner's jobs per UTC day, across processes
 * @param uploadBytesPerDay bytes of files one owner may upload per UTC day, across processes
 * @param clientAddressHeader the header a reverse proxy puts the client's address in; null: the connection's address
 */
public record LimitsConfig(
        double requestsPerSecond,
        int requestBurst,
        int authFailures,
        Duration authFailureWindow,
        int streamsPerOwner,
        int unfinishedJobsPerOwner,
        long pagesPerDay,
        long uploadBytesPerDay,
        @Nullable String clientAddressHeader) {

    /** The table's defaults. */
    public static LimitsConfig defaults() {
        return new LimitsConfig(
                LimitSetting.RATE_LIMIT_PER_SECOND.defaultDouble(),
                LimitSetting.RATE_LIMIT_BURST.defaultInt(),
                LimitSetting.AUTH_FAILURES.defaultInt(),
                Duration.ofSeconds(LimitSetting.AUTH_FAILURE_WINDOW_SECONDS.defaultLong()),
                LimitSetting.EVENTS_MAX_STREAMS_PER_OWNER.defaultInt(),
                LimitSetting.MAX_UNFINISHED_JOBS_PER_OWNER.defaultInt(),
                LimitSetting.PAGES_PER_DAY.defaultLong(),
                LimitSetting.UPLOAD_BYTES_PER_DAY.defaultLong(),
                null);
    }

    /** No limit at all (the failed-authentication window keeps its default). */
    public static LimitsConfig none() {
        return defaults().withRequestRate(0, 0).withAuthFailures(0).withOwnerLimits(0, 0, 0, 0);
    }

    /** These limits with another request rate. */
    public LimitsConfig withRequestRate(double perSecond, int burst) {
        return new LimitsConfig(
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
    public LimitsConfig withAuthFailures(int failures) {
        return new LimitsConfig(
                requestsPerSecond,
                requestBurst,
                failures,
                authFailureWindow,
                streamsPerOwner,
                unfinishedJobsPerOwner,
                pagesPerDay,
                uploadBytesPerDay,
                clientAddressHeader);
    }

    /** These limits with other per-owner limits. */
    public LimitsConfig withOwnerLimits(int streams, int unfinishedJobs, long pages, long uploadBytes) {
        return new LimitsConfig(
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

    void check(Problems problems) {
        problems.inRange(LimitSetting.RATE_LIMIT_PER_SECOND, requestsPerSecond);
        problems.inRange(LimitSetting.RATE_LIMIT_BURST, requestBurst);
        problems.require(
                (requestsPerSecond == 0) == (requestBurst == 0),
                "--rate-limit-per-second and --rate-limit-burst must both be 0 (no limit) or both positive, were "
                        + Problems.shown(requestsPerSecond) + " and " + requestBurst);
        problems.inRange(LimitSetting.AUTH_FAILURES, authFailures);
        problems.inRange(LimitSetting.AUTH_FAILURE_WINDOW_SECONDS, authFailureWindow, TimeUnit.SECONDS);
        problems.inRange(LimitSetting.EVENTS_MAX_STREAMS_PER_OWNER, streamsPerOwner);
        problems.inRange(LimitSetting.MAX_UNFINISHED_JOBS_PER_OWNER, unfinishedJobsPerOwner);
        problems.inRange(LimitSetting.PAGES_PER_DAY, pagesPerDay);
        problems.inRange(LimitSetting.UPLOAD_BYTES_PER_DAY, uploadBytesPerDay);
    }
}
