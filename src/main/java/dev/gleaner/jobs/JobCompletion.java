package dev.gleaner.jobs;

import org.jspecify.annotations.Nullable;

/**
 * When a job is done, and what it says then, as pure functions. A job finishes once no URL of it is pending or leased
 * and its seeding task (if any) is over: {@code failed}, naming the first failure, when nothing was done and something
 * failed; otherwise {@code completed}, explaining a crawl that found links but admitted at most one page.
 */
public final class JobCompletion {
    /** The error of a job whose seeding ended without a URL to admit, when the seeding gave no reason. */
    public static final String NOTHING_FOUND = "No URL found to import";

    private JobCompletion() {}

    /** The URL that failed first in a job, as its error names it. */
    public record FirstFailure(String url, PageOutcome outcome, @Nullable String reason) {
        String describe() {
            return reason != null ? reason : url + " (" + outcome.wire() + ")";
        }
    }

    /** Whether the job may still finish (it has not already). */
    public static boolean open(CrawlJob job) {
        return !job.status().finished();
    }

    /** Whether a drained job ends {@code failed}, and so names its first failure. */
    public static boolean endsFailed(CrawlJob job) {
        return job.done() == 0 && job.failed() > 0;
    }

    /**
     * The job finishing when {@code drained} (no URL pending or leased, seeding over); {@code first} is its first
     * failure, when {@link #endsFailed}. A job not drained, or already finished, is returned as it is.
     */
    public static CrawlJob finishIfDrained(CrawlJob job, boolean drained, @Nullable FirstFailure first) {
        if (!open(job) || !drained) {
            return job;
        }
        if (endsFailed(job)) {
            String named = first == null ? "no failure recorded" : first.describe();
            return JobProgress.finished(job, JobStatus.FAILED, "Every admitted URL failed; first: " + named);
        }
        return JobProgress.finished(job, JobStatus.COMPLETED, fewPagesExplanation(job));
    }

    /**
     * The job after its seeding task ended having admitted what it found: failed with {@code error} (or
     * {@link #NOTHING_FOUND}) when it has admitted nothing at all; otherwise as it is, to be finished by
     * {@link #finishIfDrained} if nothing is left.
     */
    public static CrawlJob afterSeeding(CrawlJob admitted, @Nullable String error) {
        if (admitted.total() == 0) {
            return JobProgress.finished(admitted, JobStatus.FAILED, error != null ? error : NOTHING_FOUND);
        }
        return admitted;
    }

    /** Why a crawl that found links ended with at most one page, so a user sees what to change; null otherwise. */
    public static @Nullable String fewPagesExplanation(CrawlJob job) {
        long outOfScope = job.skipped().outOfScope();
        long robots = job.skipped().robots();
        if (job.spec().mode() != JobMode.CRAWL || job.total() > 1 || outOfScope + robots == 0) {
            return null;
        }
        StringBuilder why = new StringBuilder("Only " + job.total() + " page(s) were admitted:");
        if (outOfScope > 0) {
            why.append(" ").append(outOfScope).append(" link(s) were out of scope (the crawl keeps to the seed's host");
            why.append(job.spec().crawlEntireDomain() ? "" : " and path");
            why.append("; see crawlEntireDomain, allowSubdomains, includePaths/excludePaths)");
        }
        if (robots > 0) {
            why.append(outOfScope > 0 ? ";" : "").append(" ").append(robots).append(" disallowed by robots.txt");
        }
        return why.append('.').toString();
    }
}
