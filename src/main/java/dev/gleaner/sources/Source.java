package dev.gleaner.sources;

import dev.gleaner.jobs.CrawlSpec;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A saved crawl, sitemap or batch request of a knowledgebase and when it syncs. {@code spec} is the request as a job
 * runs it (its headers are secrets, stored sealed), {@code urls} the batch URLs (empty unless batch). {@code nextRunAt}
 * is the next due time (null: manual). {@code lastJobId} is the newest job that ran this source (read from the jobs);
 * {@code lastSkippedAt}/{@code lastSkipReason} say when a due time passed without a sync, and why.
 */
public record Source(
        String id,
        String ownerId,
        String projectId,
        String knowledgebaseId,
        @Nullable String name,
        CrawlSpec spec,
        List<String> urls,
        Schedule schedule,
        @Nullable Instant nextRunAt,
        @Nullable String lastJobId,
        @Nullable Instant lastSkippedAt,
        @Nullable String lastSkipReason,
        Instant createdAt,
        Instant updatedAt) {
    public Source {
        urls = List.copyOf(urls);
    }

    /** This source with another definition (name, request, schedule, next due time), changed at {@code at}. */
    public Source redefined(
            @Nullable String newName,
            CrawlSpec newSpec,
            List<String> newUrls,
            Schedule newSchedule,
            @Nullable Instant newNextRunAt,
            Instant at) {
        return new Source(
                id,
                ownerId,
                projectId,
                knowledgebaseId,
                newName,
                newSpec,
                newUrls,
                newSchedule,
                newNextRunAt,
                lastJobId,
                lastSkippedAt,
                lastSkipReason,
                createdAt,
                at);
    }
}
