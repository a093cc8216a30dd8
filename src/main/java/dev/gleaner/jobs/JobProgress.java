package dev.gleaner.jobs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The changes a job's progress goes through, as pure functions returning the job as it is after the change. They
 * leave the times alone but for {@link #stamped}, which a store applies once per transaction. A store applies them to
 * a job it holds locked, in the transaction that changes the frontier rows they count; status changes follow
 * {@link JobStatus#canBecome}.
 */
public final class JobProgress {
    private JobProgress() {}

    /** One more URL admitted as pending. */
    public static CrawlJob admitted(CrawlJob job) {
        return job.withCounts(job.total() + 1, job.done(), job.failed());
    }

    /** One more distinct URL recorded as skipped for {@code reason}; over the limit also marks the limit reached. */
    public static CrawlJob skipped(CrawlJob job, SkipReason reason) {
        return job.withSkipped(job.skipped().plus(reason), job.limitReached() || reason == SkipReason.OVER_LIMIT);
    }

    public static CrawlJob succeeded(CrawlJob job) {
        return job.withCounts(job.total(), job.done() + 1, job.failed());
    }

    public static CrawlJob failed(CrawlJob job) {
        return job.withCounts(job.total(), job.done(), job.failed() + 1);
    }

    /**
     * One admitted URL more that ended with {@code outcome}, counted by the outcome's counter, and in the job's change
     * report when it stored, updated or confirmed a dataset ({@link Changes#plus}).
     */
    public static CrawlJob counted(CrawlJob job, PageOutcome outcome) {
        return switch (outcome.counter()) {
            case DONE -> succeeded(job).withChanges(job.changes().plus(outcome));
            case FAILED -> failed(job);
            case SKIPPED, REMOVED, NONE ->
                throw new IllegalArgumentException("A processed page cannot end as " + outcome.wire());
        };
    }

    /** One more dataset removed by the job, a complete sync of its source: counted in its change report only. */
    public static CrawlJob removed(CrawlJob job) {
        return job.withChanges(job.changes().plus(PageOutcome.REMOVED));
    }

    /** The outcome a processed page ends with; empty for a retry, which ends nothing. */
    public static Optional<PageOutcome> outcomeOf(PageResult result) {
        return switch (result) {
            case PageResult.Ingested ingested -> Optional.of(PageOutcome.INGESTED);
            case PageResult.Updated updated -> Optional.of(PageOutcome.UPDATED);
            case PageResult.Settled settled -> Optional.of(settled.outcome());
            case PageResult.Failed failed -> Optional.of(failed.outcome());
            case PageResult.Retry retry -> Optional.empty();
        };
    }

    /**
     * The job after the page of a held lease ended with {@code result}: its outcome counted (a retry counts nothing).
     * Links are admitted after this ({@link AdmissionPolicy}), and the job finishes if that drained it
     * ({@link JobCompletion}).
     */
    public static CrawlJob apply(CrawlJob job, PageResult result) {
        return outcomeOf(result).map(outcome -> counted(job, outcome)).orElse(job);
    }

    /**
     * A finished job whose {@code requeued} failed URLs went back to pending: running again, with {@code failed} down
     * by their number and neither error nor finish time.
     */
    public static CrawlJob retried(CrawlJob job, long requeued) {
        if (requeued < 0 || requeued > job.failed()) {
            throw new IllegalArgumentException("Cannot re-queue " + requeued + " of " + job.failed() + " failures");
        }
        requireTransition(job, JobStatus.RUNNING);
        return job.withCounts(job.total(), job.done(), job.failed() - requeued).withEnd(JobStatus.RUNNING, null, null);
    }

    /** A queued job whose first URL was claimed; any other job is returned as it is. */
    public static CrawlJob running(CrawlJob job) {
        return job.status() == JobStatus.QUEUED ? job.withStatus(JobStatus.RUNNING) : job;
    }

    /**
     * Finished with {@code status}; {@code error} says why when it failed. {@code finishedAt} is set to the job's
     * current {@code updatedAt}, which {@link #stamped} then moves to the time of the change.
     */
    public static CrawlJob finished(CrawlJob job, JobStatus status, @Nullable String error) {
        if (!status.finished()) {
            throw new IllegalArgumentException("Not a final status: " + status);
        }
        requireTransition(job, status);
        return job.withEnd(status, error, job.updatedAt());
    }

    /** The job as a store creates it from: given identity, spec, status and times; nothing counted yet. */
    public static CrawlJob fresh(CrawlJob job) {
        return CrawlJob.queued(job.id(), job.projectId(), job.knowledgebaseId(), job.spec(), millis(job.startedAt()))
                .withStatus(job.status())
                .withTimes(millis(job.startedAt()), millis(job.updatedAt()), null);
    }

    /**
     * {@code after} (a change of {@code before}) with its change time: {@code now}, or one millisecond after the
     * previous {@code updatedAt} when {@code now} is not later (another process's clock may lag behind), so that
     * {@code updatedAt} moves forward with every change. A job that finished in this change finished then too.
     */
    public static CrawlJob stamped(CrawlJob before, CrawlJob after, Instant now) {
        Instant previous = before.updatedAt();
        Instant at = millis(now).isAfter(previous) ? millis(now) : previous.plusMillis(1);
        Instant finishedAt = before.finishedAt() == null && after.finishedAt() != null ? at : after.finishedAt();
        return after.withTimes(after.startedAt(), at, finishedAt);
    }

    private static void requireTransition(CrawlJob job, JobStatus next) {
        if (!job.status().canBecome(next)) {
            throw new IllegalStateException("Job " + job.id() + " cannot go from " + job.status() + " to " + next);
        }
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
