package dev.gleaner.store;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.SkipReason;
import dev.gleaner.jobs.Skipped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The changes a job's stored progress goes through, as pure functions returning the job as it is after the change.
 * They leave the times alone: {@link JobRows#save} stamps them once per transaction. The store applies them to a job
 * row it holds locked, in the transaction that changes the frontier rows they count.
 */
final class JobProgress {
    private JobProgress() {}

    /** One more URL admitted as pending. */
    static CrawlJob admitted(CrawlJob job) {
        return with(job, job.status(), job.total() + 1, job.done(), job.failed(), job.skipped(), job.limitReached());
    }

    /** One more distinct URL recorded as skipped for {@code reason}; over the limit also marks the limit reached. */
    static CrawlJob skipped(CrawlJob job, SkipReason reason) {
        Skipped s = job.skipped();
        Skipped counted =
                switch (reason) {
                    case ROBOTS -> new Skipped(s.robots() + 1, s.outOfScope(), s.duplicate(), s.overLimit());
                    case OUT_OF_SCOPE -> new Skipped(s.robots(), s.outOfScope() + 1, s.duplicate(), s.overLimit());
                    case DUPLICATE -> new Skipped(s.robots(), s.outOfScope(), s.duplicate() + 1, s.overLimit());
                    case OVER_LIMIT -> new Skipped(s.robots(), s.outOfScope(), s.duplicate(), s.overLimit() + 1);
                };
        boolean limitReached = job.limitReached() || reason == SkipReason.OVER_LIMIT;
        return with(job, job.status(), job.total(), job.done(), job.failed(), counted, limitReached);
    }

    static CrawlJob succeeded(CrawlJob job) {
        return with(job, job.status(), job.total(), job.done() + 1, job.failed(), job.skipped(), job.limitReached());
    }

    static CrawlJob failed(CrawlJob job) {
        return with(job, job.status(), job.total(), job.done(), job.failed() + 1, job.skipped(), job.limitReached());
    }

    /**
     * A finished job whose {@code requeued} failed URLs went back to pending: running again, with {@code failed} down
     * by their number and neither error nor finish time.
     */
    static CrawlJob retried(CrawlJob job, long requeued) {
        if (requeued < 0 || requeued > job.failed()) {
            throw new IllegalArgumentException("Cannot re-queue " + requeued + " of " + job.failed() + " failures");
        }
        return new CrawlJob(
                job.id(),
                job.projectId(),
                job.knowledgebaseId(),
                job.spec(),
                JobStatus.RUNNING,
                job.total(),
                job.done(),
                job.failed() - requeued,
                job.skipped(),
                job.limitReached(),
                null,
                job.startedAt(),
                job.updatedAt(),
                null);
    }

    /** A queued job whose first URL was claimed; any other job is returned as it is. */
    static CrawlJob running(CrawlJob job) {
        if (job.status() != JobStatus.QUEUED) {
            return job;
        }
        return with(job, JobStatus.RUNNING, job.total(), job.done(), job.failed(), job.skipped(), job.limitReached());
    }

    /**
     * Finished with {@code status}; {@code error} says why when it failed. {@code finishedAt} is set to the job's
     * current {@code updatedAt}, which {@link JobRows#save} then moves to the time of the change.
     */
    static CrawlJob finished(CrawlJob job, JobStatus status, @Nullable String error) {
        return new CrawlJob(
                job.id(),
                job.projectId(),
                job.knowledgebaseId(),
                job.spec(),
                status,
                job.total(),
                job.done(),
                job.failed(),
                job.skipped(),
                job.limitReached(),
                error,
                job.startedAt(),
                job.updatedAt(),
                job.updatedAt());
    }

    /** The job as {@code create} starts from: given identity, spec, status and times; nothing counted yet. */
    static CrawlJob fresh(CrawlJob job) {
        return new CrawlJob(
                job.id(),
                job.projectId(),
                job.knowledgebaseId(),
                job.spec(),
                job.status(),
                0,
                0,
                0,
                Skipped.NONE,
                false,
                null,
                millis(job.startedAt()),
                millis(job.updatedAt()),
                null);
    }

    /**
     * {@code after} (a change of {@code before}) with its change time: {@code now}, or one millisecond after the
     * previous {@code updatedAt} when {@code now} is not later (another process's clock may lag behind), so that
     * {@code updatedAt} moves forward with every change. A job that finished in this change finished then too.
     */
    static CrawlJob stamped(CrawlJob before, CrawlJob after, Instant now) {
        Instant previous = before.updatedAt();
        Instant at = millis(now).isAfter(previous) ? millis(now) : previous.plusMillis(1);
        Instant finishedAt = before.finishedAt() == null && after.finishedAt() != null ? at : after.finishedAt();
        return new CrawlJob(
                after.id(),
                after.projectId(),
                after.knowledgebaseId(),
                after.spec(),
                after.status(),
                after.total(),
                after.done(),
                after.failed(),
                after.skipped(),
                after.limitReached(),
                after.error(),
                after.startedAt(),
                at,
                finishedAt);
    }

    private static CrawlJob with(
            CrawlJob job, JobStatus status, long total, long done, long failed, Skipped skipped, boolean limitReached) {
        return new CrawlJob(
                job.id(),
                job.projectId(),
                job.knowledgebaseId(),
                job.spec(),
                status,
                total,
                done,
                failed,
                skipped,
                limitReached,
                job.error(),
                job.startedAt(),
                job.updatedAt(),
                job.finishedAt());
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
