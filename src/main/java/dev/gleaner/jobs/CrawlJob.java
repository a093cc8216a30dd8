package dev.gleaner.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A crawl or import job with its stored progress. Invariants, kept by the store in the same transaction as the URL
 * states they summarize: {@code 0 ≤ done + failed ≤ total}; {@code total} never shrinks; a completed job has
 * {@code done + failed == total} and no URL pending.
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
        @Nullable String error,
        Instant startedAt,
        Instant updatedAt,
        @Nullable Instant finishedAt) {

    public JobMode mode() {
        return spec.mode();
    }
}
