package dev.gleaner.jobs;

import dev.gleaner.Ids;
import java.time.Instant;
import java.util.List;

/**
 * The stores a {@link JobLifecycleContract} runs on, and the knowledgebase (of a project of {@code ownerId}) their
 * jobs belong to, with the few steps its tests repeat.
 */
public record JobLifecycleSubject(
        Frontier frontier, JobStore jobs, String ownerId, String projectId, String knowledgebaseId) {

    /** A new job of {@code spec} of the knowledgebase, accepted at {@link JobFixtures#T0}, not stored yet. */
    public CrawlJob queued(CrawlSpec spec) {
        return CrawlJob.queued(Ids.next("job"), projectId(), knowledgebaseId(), spec, JobFixtures.T0);
    }

    /** Creates a job of {@code spec} started at {@link JobFixtures#T0}. */
    public CrawlJob create(CrawlSpec spec, List<FoundUrl> seeds) {
        return jobs().create(queued(spec), seeds);
    }

    public CrawlJob create(int limit, List<FoundUrl> seeds) {
        return create(JobFixtures.spec(JobMode.BATCH, limit), seeds);
    }

    public CrawlJob find(CrawlJob job) {
        return jobs().find(knowledgebaseId(), job.id()).orElseThrow();
    }

    public List<Lease> claim(int max, Instant now, ClaimPolicy policy) {
        return frontier().claim("w1", max, now, policy);
    }

    public List<PageOutcome> outcomes(CrawlJob job) {
        return jobs().pages(knowledgebaseId(), job.id(), null, 100, null).orElseThrow().pages().stream()
                .map(PageRecord::outcome)
                .toList();
    }

    public static PageResult settled(List<FoundUrl> links) {
        return new PageResult.Settled(PageOutcome.NOINDEX, PageOutcome.NOINDEX.reason(), 200, links);
    }

    public static PageResult notFound(Lease lease) {
        return new PageResult.Failed(PageOutcome.FAILED, "HTTP 404 from " + lease.url(), 404);
    }
}
