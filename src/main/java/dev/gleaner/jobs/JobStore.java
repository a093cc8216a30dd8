package dev.gleaner.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Persistence of jobs as the API sees them. Reads return stored counters and never scan the frontier. */
public interface JobStore {
    /**
     * Inserts the job and its seeds in one transaction. Seeds with a null {@code skip} are admitted as pending while
     * {@code total < limit}; the rest are recorded as skipped with their reason (over the limit: {@code overLimit},
     * setting {@code limitReached}). A seed key given twice counts once. The job's counters reflect exactly that.
     * The job's seeding task is pending when its spec asks for sitemaps ({@link JobMode#SITEMAP}, or a crawl whose
     * sitemap policy is not {@link SitemapPolicy#SKIP}); a job with a pending seeding task may start with no seed.
     */
    CrawlJob create(CrawlJob job, List<FoundUrl> seeds);

    /**
     * {@link #create}, but only while {@code ownerId} has fewer than {@code maxUnfinished} jobs queued or running (0:
     * no limit); empty, storing nothing, otherwise. Admissions of one owner's jobs are serialized across processes, so
     * two at once never both pass the limit.
     */
    Optional<CrawlJob> createWithin(CrawlJob job, List<FoundUrl> seeds, String ownerId, int maxUnfinished);

    /** How many jobs of {@code ownerId} are queued or running. */
    long unfinishedOf(String ownerId);

    /** The knowledgebase's jobs, newest first. */
    List<CrawlJob> list(String knowledgebaseId);

    Optional<CrawlJob> find(String knowledgebaseId, String jobId);

    /**
     * Cancels an unfinished job in one transaction: every pending or leased URL becomes {@code cancelled} (not counted
     * as failed) and the job's status {@code cancelled}. Returns the job as it is afterwards, or empty when no such
     * job exists. A job already finished is returned unchanged (the caller answers 409).
     */
    Optional<CrawlJob> cancel(String knowledgebaseId, String jobId, Instant now);

    /**
     * The URLs the job saw, in admission order, optionally only those with {@code outcome}; {@code cursor} is the
     * {@code nextCursor} of the previous page (opaque). Empty when no such job exists.
     */
    Optional<PageListing> pages(
            String knowledgebaseId, String jobId, @Nullable PageOutcome outcome, int limit, @Nullable String cursor);

    /**
     * Re-queues the failed URLs of a finished job in one transaction: each goes back to pending with its attempts
     * reset, {@code failed} drops by their number, the job is running again (finishedAt and error cleared). A job with
     * no failed URL, or not finished, is returned unchanged (the caller answers 409). Empty when no such job exists.
     */
    Optional<CrawlJob> retry(String knowledgebaseId, String jobId, Instant now);

    /**
     * Jobs of every knowledgebase whose {@code updatedAt} is at or after {@code since}, oldest change first (ties by
     * id), at most {@code limit}. {@code updatedAt} moves forward with every change of a job, so a job read again with
     * the same {@code updatedAt} has not changed. Used by {@link JobFeed} to notice changes made by any process.
     */
    List<CrawlJob> changedSince(Instant since, int limit);
}
