package dev.gleaner.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A crawl or import job with its stored progress. Invariants, kept by the store in the same transaction as the URL
 * states they summarize: {@code 0 ≤ done + failed ≤ total}; {@code total} never shrinks; a completed job has
 * {@code done + failed == total} and no URL pending. {@code changes} counts what the job did to the knowledgebase's
 * datasets (new, updated, unchanged, removed); removals are none of {@code total}, {@code done} or {@code failed}. Built with {@link #queued} and changed with the {@code with…}
 * copies rather than the positional constructor.
 */
public record CrawlJob(
        String id,
        String projectId,
        String knowledgebaseId,
        CrawlSpec spec,
        JobStatus status,
        long total,
        long done,
        long failed,
        Skipped skipped,
        boolean limitReached,
        Changes changes,
        @Nullable String error,
        Instant startedAt,
        Instant updatedAt,
        @Nullable Instant finishedAt) {

    /** A job just accepted at {@code at}: queued, nothing counted yet. */
    public static CrawlJob queued(String id, String projectId, String knowledgebaseId, CrawlSpec spec, Instant at) {
        return new CrawlJob(
                id,
                projectId,
                knowledgebaseId,
                spec,
                JobStatus.QUEUED,
                0,
                0,
                0,
                Skipped.NONE,
                false,
                Changes.NONE,
                null,
                at,
                at,
                null);
    }

    public JobMode mode() {
        return spec.mode();
    }

    public CrawlJob withStatus(JobStatus newStatus) {
        return new CrawlJob(
                id,
                projectId,
                knowledgebaseId,
                spec,
                newStatus,
                total,
                done,
                failed,
                skipped,
                limitReached,
                changes,
                error,
                startedAt,
                updatedAt,
                finishedAt);
    }

    /** This job with other counters of admitted URLs. */
    public CrawlJob withCounts(long newTotal, long newDone, long newFailed) {
        return new CrawlJob(
                id,
                projectId,
                knowledgebaseId,
                spec,
                status,
                newTotal,
                newDone,
                newFailed,
                skipped,
                limitReached,
                changes,
                error,
                startedAt,
                updatedAt,
                finishedAt);
    }

    /** This job with other counters of URLs not admitted. */
    public CrawlJob withSkipped(Skipped newSkipped, boolean newLimitReached) {
        return new CrawlJob(
                id,
                projectId,
                knowledgebaseId,
                spec,
                status,
                total,
                done,
                failed,
                newSkipped,
                newLimitReached,
                changes,
                error,
                startedAt,
                updatedAt,
                finishedAt);
    }

    /** This job with another change report. */
    public CrawlJob withChanges(Changes newChanges) {
        return new CrawlJob(
                id,
                projectId,
                knowledgebaseId,
                spec,
                status,
                total,
                done,
                failed,
                skipped,
                limitReached,
                newChanges,
                error,
                startedAt,
                updatedAt,
                finishedAt);
    }

    /** This job with its status, error and finish time as one change: they only ever change together. */
    public CrawlJob withEnd(JobStatus newStatus, @Nullable String newError, @Nullable Instant newFinishedAt) {
        return new CrawlJob(
                id,
                projectId,
                knowledgebaseId,
                spec,
                newStatus,
                total,
                done,
                failed,
                skipped,
                limitReached,
                changes,
                newError,
                startedAt,
                updatedAt,
                newFinishedAt);
    }

    /** This job with other times. */
    public CrawlJob withTimes(Instant newStartedAt, Instant newUpdatedAt, @Nullable Instant newFinishedAt) {
        return new CrawlJob(
                id,
                projectId,
                knowledgebaseId,
                spec,
                status,
                total,
                done,
                failed,
                skipped,
                limitReached,
                changes,
                error,
                newStartedAt,
                newUpdatedAt,
                newFinishedAt);
    }
}
